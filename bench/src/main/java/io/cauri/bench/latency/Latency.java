package io.cauri.bench.latency;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.cauri.bench.event.EventFile;
import io.cauri.bench.event.HttpHandler;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Warm overhead of a function: ONE JVM (one container), the real handler built by its no-arg constructor,
 * the same sample event handled again and again, and — interleaved with it, on the same DynamoDB client
 * bean the function built — the raw DynamoDB calls that route makes, recorded from the handler's own first
 * request (so the comparison is with exactly the round trips the route needs, nothing guessed).
 * <p>
 * A create's PutItem is replayed with a new intent id each time (its condition is "no item with this id
 * yet", as the handler's own writes). Only routes that can be repeated from the same state are supported:
 * creates and reads; a route that moves the demo intent on (attempt, authenticate) answers differently the
 * second time, and the run stops saying so.
 * <p>
 * Arguments: event file, warm-up iterations, measured iterations. Prints the percentiles, then the
 * machine-readable lines bench/latency ends with.
 */
public final class Latency {
    private static final AtomicLong IDS = new AtomicLong();
    private static final AtomicLong ADDRESSES = new AtomicLong();

    private Latency() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        byte[] eventBytes = Files.readAllBytes(file);
        int expected = EventFile.expectedStatus(file);

        APIGatewayV2HTTPEventFunction handler = HttpHandler.create();
        DynamoDbClient dynamo = handler.getApplicationContext().getBean(DynamoDbClient.class);

        // the route's DynamoDB calls, as the handler makes them
        List<SdkRequest> calls = CallRecorder.record(() -> handle(handler, file, expected));
        if (calls.isEmpty()) {
            throw new IllegalStateException(file + " makes no DynamoDB call: nothing to compare with");
        }
        StringJoiner names = new StringJoiner(", ");
        for (SdkRequest call : calls) {
            names.add(describe(call));
        }
        System.out.println("route's DynamoDB calls (recorded from the handler): " + names);
        Runnable raw = replay(dynamo, calls);

        for (int i = 0; i < warmup; i++) {
            handle(handler, file, expected);
            raw.run();
        }
        long[] handlerNanos = new long[iterations];
        long[] rawNanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            APIGatewayV2HTTPEvent event = fromNewAddress(EventFile.read(file)); // a fresh event per invocation, as Lambda's
            long t0 = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, new MockLambdaContext());
            long t1 = System.nanoTime();
            check(response, expected, file);
            raw.run();
            long t2 = System.nanoTime();
            handlerNanos[i] = t1 - t0;
            rawNanos[i] = t2 - t1;
        }

        Arrays.sort(handlerNanos);
        Arrays.sort(rawNanos);
        System.out.printf("iterations: %d after %d warm-up (each: one event through the handler, then the raw calls)%n",
                iterations, warmup);
        System.out.printf("handler: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f ms%n", pct(handlerNanos, 50),
                pct(handlerNanos, 90), pct(handlerNanos, 99), handlerNanos[iterations - 1] / 1e6);
        System.out.printf("raw ddb: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f ms%n", pct(rawNanos, 50), pct(rawNanos, 90),
                pct(rawNanos, 99), rawNanos[iterations - 1] / 1e6);
        System.out.printf("LATENCY handler_p50_ms=%.3f handler_p99_ms=%.3f ddb_p50_ms=%.3f p50_ratio=%.2f%n",
                pct(handlerNanos, 50), pct(handlerNanos, 99), pct(rawNanos, 50), pct(handlerNanos, 50) / pct(rawNanos, 50));
        System.exit(0);
    }

    private static void handle(APIGatewayV2HTTPEventFunction handler, Path file, int expected) {
        try {
            check(handler.handleRequest(fromNewAddress(EventFile.read(file)), new MockLambdaContext()), expected, file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Each event from its own source address, as from many clients: the rate limiter counts every request (an
     * UpdateItem on its window, replayed among the raw calls) and never refuses one (75 per 10 s per address).
     */
    private static APIGatewayV2HTTPEvent fromNewAddress(APIGatewayV2HTTPEvent event) {
        long n = ADDRESSES.incrementAndGet();
        event.getRequestContext().getHttp().setSourceIp("10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255));
        return event;
    }

    private static void check(APIGatewayV2HTTPResponse response, int expected, Path file) {
        if (response.getStatusCode() != expected) {
            throw new IllegalStateException(file.getFileName() + " answered " + response.getStatusCode() + " instead of "
                    + expected + " when repeated (a route that changes the demo intent cannot be measured this way): "
                    + response.getBody());
        }
    }

    /** The recorded calls, sent again through the same client; a conditional create gets a new id each time. */
    private static Runnable replay(DynamoDbClient dynamo, List<SdkRequest> calls) {
        List<Runnable> steps = new ArrayList<>();
        for (SdkRequest call : calls) {
            if (call instanceof GetItemRequest get) {
                steps.add(() -> dynamo.getItem(get));
            } else if (call instanceof QueryRequest query) {
                steps.add(() -> dynamo.query(query));
            } else if (call instanceof UpdateItemRequest update) {
                steps.add(() -> dynamo.updateItem(update)); // the rate limiter's ADD on its window
            } else if (call instanceof PutItemRequest put && isCreate(put)) {
                String idAttribute = "id";
                String template = put.item().get(idAttribute).s();
                steps.add(() -> {
                    Map<String, AttributeValue> item = new HashMap<>(put.item());
                    item.put(idAttribute, AttributeValue.fromS(freshId(template)));
                    dynamo.putItem(put.toBuilder().item(item).build());
                });
            } else {
                throw new IllegalStateException("cannot replay " + describe(call)
                        + " (only GetItem, Query, UpdateItem and conditional creates are replayed)");
            }
        }
        return () -> steps.forEach(Runnable::run);
    }

    private static boolean isCreate(PutItemRequest put) {
        return put.conditionExpression() != null && put.conditionExpression().contains("attribute_not_exists")
                && put.item().containsKey("id");
    }

    /** Same length and prefix as the handler's id, so the item has the same size. */
    private static String freshId(String template) {
        String n = "bench" + IDS.incrementAndGet();
        int prefix = template.indexOf('_') + 1;
        StringBuilder id = new StringBuilder(template.substring(0, prefix));
        for (int i = prefix + n.length(); i < template.length(); i++) {
            id.append('0');
        }
        return id.append(n).toString();
    }

    /**
     * The call and its table. Read with each request's own accessor: the function jar's AWS SDK is shrunk to what
     * the function uses (functions/aws-sdk-shrink.pro), and generic accessors such as getValueForField are not.
     */
    private static String describe(SdkRequest call) {
        String name = call.getClass().getSimpleName().replace("Request", "");
        String table = call instanceof GetItemRequest get ? get.tableName()
                : call instanceof QueryRequest query ? query.tableName()
                : call instanceof PutItemRequest put ? put.tableName()
                : call instanceof UpdateItemRequest update ? update.tableName() : null;
        return table == null ? name : name + "(" + table + ")";
    }

    private static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
