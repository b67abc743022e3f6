package io.cauri.testing;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Every DynamoDB write a client of this JVM makes, as the SDK sends it (a global SDK interceptor, registered
 * by {@code software/amazon/awssdk/global/handlers/execution.interceptors} in this test jar, so the functions'
 * own production clients report to it unchanged). Writes are recorded per thread: a function answers on the
 * calling thread, so a test sees exactly the writes of the request it just made, not those of background work
 * (scheduled provider events) from earlier requests.
 */
public final class WriteCounter implements ExecutionInterceptor {
    private static final ThreadLocal<List<String>> WRITES = ThreadLocal.withInitial(ArrayList::new);

    /** Forgets this thread's writes so far. */
    public static void reset() {
        WRITES.get().clear();
    }

    /** The tables this thread wrote to since {@link #reset()}, one entry per write call ("table op"). */
    public static List<String> writes() {
        return List.copyOf(WRITES.get());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        String write = null;
        if (request instanceof PutItemRequest r) {
            write = r.tableName() + " put";
        } else if (request instanceof UpdateItemRequest r) {
            write = r.tableName() + " update";
        } else if (request instanceof DeleteItemRequest r) {
            write = r.tableName() + " delete";
        } else if (request instanceof BatchWriteItemRequest r) {
            write = String.join("+", r.requestItems().keySet()) + " batch";
        } else if (request instanceof TransactWriteItemsRequest) {
            write = "transaction";
        }
        if (write != null) {
            WRITES.get().add(write);
        }
    }
}
