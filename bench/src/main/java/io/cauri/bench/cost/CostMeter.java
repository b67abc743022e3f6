package io.cauri.bench.cost;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.util.function.Supplier;

/**
 * Counts, on every AWS SDK client it is installed on, what each request would be billed on AWS: DynamoDB read and
 * write request units (asking DynamoDB for them with ReturnConsumedCapacity=INDEXES, which changes nothing else of
 * the request; by item size where the answer has none; a transaction by AWS's rules from its items' images, which
 * the meter reads itself: {@link TransactionUnits}), SNS publishes and SQS requests by 64 KB chunk, DynamoDB
 * Streams reads. Installed only by bench/cost, as an SDK global interceptor (the SDK's
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} file in a folder that bench/cost puts on each
 * function's class path after its jar, and on the class path of local-api's own clients): the functions are not
 * changed. The service-specific code lives in one class per service so that a function whose jar has no SNS or SQS
 * never loads it. Totals go to {@link Ledger}, under "who|service|operation|unit", who being the function (its class
 * loader's name) or "event-source-mappings" (local-api's stream and queue pollers, Lambda's own on AWS).
 */
public final class CostMeter implements ExecutionInterceptor {
    static final String ESM = "event-source-mappings";
    private static final MethodHandle ADD = ledger();
    /** Set while the meter makes requests of its own (it reads a transaction's items): those are not counted. */
    private static final ThreadLocal<Boolean> UNCOUNTED = ThreadLocal.withInitial(() -> false);
    /** A TransactWriteItems' items as read before it was first sent ({@link TransactionUnits.Before}). */
    private static final ExecutionAttribute<Object> BEFORE = new ExecutionAttribute<>("cauri.cost.transaction-before");
    private static final java.util.Set<String> STREAMS_OPERATIONS = java.util.Set.of("GetRecords", "GetShardIterator",
            "DescribeStream", "ListStreams");

    private static MethodHandle ledger() {
        try {
            Class<?> ledger = Class.forName("io.cauri.bench.cost.Ledger", true, ClassLoader.getSystemClassLoader());
            return MethodHandles.publicLookup().findStatic(ledger, "add",
                    MethodType.methodType(void.class, String.class, double.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("bench/cost's Ledger is not on the application class path", e);
        }
    }

    /** Adds {@code amount} to who|service|operation|unit in the one Ledger of this JVM. */
    static void add(String who, String service, String operation, String unit, double amount) {
        try {
            ADD.invokeExact(who + "|" + service + "|" + operation + "|" + unit, amount);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Runs {@code requests} (the meter's own) without counting them. */
    static <T> T uncounted(Supplier<T> requests) {
        boolean outer = UNCOUNTED.get();
        UNCOUNTED.set(true);
        try {
            return requests.get();
        } finally {
            UNCOUNTED.set(outer);
        }
    }

    static String who() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        // local-api names each function's class loader after the function; any other loader is local-api's own
        String name = context == null || context == ClassLoader.getSystemClassLoader() ? null : context.getName();
        return name == null ? ESM : name;
    }

    private static String service(Object request) {
        String name = request.getClass().getName();
        // DynamoDB Streams' requests live in DynamoDB's model package
        if (name.startsWith("software.amazon.awssdk.services.dynamodb.") && STREAMS_OPERATIONS.contains(operation(request))) {
            return "dynamodbstreams";
        }
        if (name.startsWith("software.amazon.awssdk.services.dynamodb.")) {
            return "dynamodb";
        }
        if (name.startsWith("software.amazon.awssdk.services.sns.")) {
            return "sns";
        }
        if (name.startsWith("software.amazon.awssdk.services.sqs.")) {
            return "sqs";
        }
        return "other";
    }

    static String operation(Object request) {
        String simple = request.getClass().getSimpleName();
        return simple.endsWith("Request") ? simple.substring(0, simple.length() - "Request".length()) : simple;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (UNCOUNTED.get()) {
            return request;
        }
        try {
            if ("dynamodb".equals(service(request))) {
                return DynamoDbCounter.askForCapacity(request);
            }
        } catch (LinkageError e) {
            add(who(), "meter", "error", e.toString(), 1);
        }
        return request;
    }

    /**
     * Before a transaction is sent, the meter reads its items (it bills the transaction from them). Here, once per
     * call: outside the SDK's retries and its per-attempt timeout, which these reads must not eat into.
     */
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (UNCOUNTED.get() || !"dynamodb".equals(service(context.request()))
                || !"TransactWriteItems".equals(operation(context.request()))) {
            return;
        }
        try {
            URI endpoint = attributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT);
            if (endpoint == null) {
                throw new IllegalStateException("no endpoint for the meter's reads");
            }
            attributes.putAttribute(BEFORE, uncounted(() -> DynamoDbCounter.beforeTransaction(context.request(), endpoint)));
        } catch (LinkageError | RuntimeException e) {
            add(who(), "meter", "error", e.toString(), 1);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (UNCOUNTED.get()) {
            return;
        }
        SdkRequest request = context.request();
        SdkResponse response = context.response();
        String who = who();
        String service = service(request);
        String op = operation(request);
        add(who, service, op, "requests", 1);
        try {
            switch (service) {
                case "dynamodb" -> {
                    Object before = attributes.getAttribute(BEFORE);
                    if (before != null) {
                        uncounted(() -> {
                            DynamoDbCounter.countTransaction(who, before);
                            return null;
                        });
                    } else if (!"TransactWriteItems".equals(op)) {
                        DynamoDbCounter.count(who, op, request, response);
                    } // else: its items could not be read, a meter error is recorded (the run fails)
                }
                case "dynamodbstreams" -> StreamsCounter.count(who, op, response);
                case "sns" -> SnsCounter.count(who, op, request);
                case "sqs" -> SqsCounter.count(who, op, request, response);
                default -> {
                    // other services: the request is counted, nothing more
                }
            }
        } catch (LinkageError | RuntimeException e) {
            // never the function's failure: its request succeeded; the run fails on the meter's error instead
            add(who, "meter", "error", e.toString(), 1);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (UNCOUNTED.get()) {
            return;
        }
        SdkRequest request = context.request();
        String who = who();
        String service = service(request);
        String op = operation(request);
        add(who, service, op, "failed", 1);
        if ("dynamodb".equals(service)) {
            // a write refused by its condition still consumes write units on AWS (at least one); a failed read, one read
            DynamoDbCounter.countFailure(who, op);
            Object before = attributes.getAttribute(BEFORE);
            if (before != null) {
                DynamoDbCounter.countReadsOnly(who, before); // the meter's reads' time is still not the function's
            }
        } else if (!"other".equals(service)) {
            add(who, service, op, "billed", 1);
        }
    }
}
