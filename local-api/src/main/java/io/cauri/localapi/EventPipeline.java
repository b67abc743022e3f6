package io.cauri.localapi;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cauri.event.EventEnvelope;
import io.cauri.event.IntentChangePublisher;
import io.cauri.store.IntentStreamImages;
import io.cauri.store.TableNames;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Status events and webhooks in local-api, as on AWS: the intents table's stream (DynamoDB Local) feeds the
 * real stream-publisher function, whose events go through the pinned SNS/SQS emulator to the real
 * webhook-dispatcher function. Without Node or the emulator it says so and runs the same ports in-process:
 * the stream's records are published by shared-model's {@link IntentChangePublisher} straight to the
 * dispatcher function, whose retries then run in its own JVM-local queue. The system property
 * {@value #IN_PROCESS} = {@code true} asks for the in-process way even where Node is.
 */
final class EventPipeline {
    static final String PUBLISHER = "StreamPublisherFunction";
    static final String DISPATCHER = "WebhookDispatcherFunction";
    static final String IN_PROCESS = "cauri.local.events-in-process";
    private static final List<String> PROPERTIES = List.of("cauri.events.endpoint", "cauri.events.topic-arn",
            "cauri.webhooks.queue-url", "cauri.webhooks.dead-letter-queue-url", "cauri.events.failures-queue-url");
    /** Deliveries handed to the dispatcher at once, in-process: one hanging endpoint holds one of them only. */
    private static final int IN_PROCESS_RECEIVES = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String mode;

    private EventPipeline(SqsClient sqs, String queueUrl, String mode) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.mode = mode;
    }

    /**
     * Before the functions load (they read their configuration at cold start): starts the emulator if it can,
     * creates the topic, the webhook queue subscribed to it and the dead-letter queue, and points the functions
     * at them.
     */
    static EventPipeline prepare(Path repository, Deque<AutoCloseable> started) throws Exception {
        PROPERTIES.forEach(System::clearProperty); // nothing from an earlier run in this JVM
        Path tools = repository.resolve("tools").resolve("aws-emulators");
        Optional<String> unavailable = Boolean.getBoolean(IN_PROCESS) ? Optional.of(IN_PROCESS + "=true")
                : Emulator.unavailable(tools);
        if (unavailable.isPresent()) {
            return new EventPipeline(null, null, "in-process (" + unavailable.get() + ")");
        }
        Emulator emulator = Emulator.start(tools);
        started.push(emulator);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        URI endpoint = URI.create(emulator.endpoint());
        SnsClient sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        started.push(sns);
        started.push(sqs);
        String topicArn = sns.createTopic(r -> r.name("payment-events")).topicArn();
        String queueUrl = sqs.createQueue(r -> r.queueName("webhooks").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
        String deadLetters = sqs.createQueue(r -> r.queueName("webhooks-dlq")).queueUrl();
        String streamFailures = sqs.createQueue(r -> r.queueName("stream-failures")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));
        System.setProperty("cauri.events.endpoint", emulator.endpoint());
        System.setProperty("cauri.events.topic-arn", topicArn);
        System.setProperty("cauri.webhooks.queue-url", queueUrl);
        System.setProperty("cauri.webhooks.dead-letter-queue-url", deadLetters);
        System.setProperty("cauri.events.failures-queue-url", streamFailures);
        return new EventPipeline(sqs, queueUrl, "SNS/SQS emulator " + emulator.endpoint());
    }

    /** How events travel in this run, for the banner. */
    String mode() {
        return mode;
    }

    /** After the HTTP functions: loads the consumers of template.yaml and starts the event source mappings. */
    void start(SamTemplate template, EmbeddedDynamoDb dynamo, Deque<AutoCloseable> started) throws Exception {
        Optional<SamTemplate.Function> publisherFn = template.consumer(PUBLISHER).filter(f -> Files.isRegularFile(f.jar()));
        Optional<SamTemplate.Function> dispatcherFn = template.consumer(DISPATCHER).filter(f -> Files.isRegularFile(f.jar()));
        if (dispatcherFn.isEmpty() || (sqs != null && publisherFn.isEmpty())) {
            System.out.println("  Events: off — " + PUBLISHER + " or " + DISPATCHER + " is missing from the template or "
                    + "not built (./mvnw -q -DskipTests package)");
            return;
        }
        LoadedConsumer dispatcher = FunctionLoader.loadConsumer(dispatcherFn.get());
        started.push(dispatcher);
        String streamArn = dynamo.client().describeTable(r -> r.tableName(TableNames.defaults().intents()))
                .table().latestStreamArn();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(URI.create(dynamo.endpoint()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        started.push(streams);
        if (sqs != null) {
            LoadedConsumer publisher = FunctionLoader.loadConsumer(publisherFn.get());
            started.push(publisher);
            started.push(new StreamPump(streams, streamArn, StreamPump.lambda(streamArn, publisher::invoke)));
            started.push(new QueuePump(sqs, queueUrl, dispatcher::invoke));
        } else {
            // the queue's part, in-process: each event handed to the dispatcher on its own thread (as SQS
            // would hand it to a concurrent invocation), so the stream never waits on a merchant's endpoint
            java.util.concurrent.ScheduledExecutorService queue = java.util.concurrent.Executors.newScheduledThreadPool(4, r -> {
                Thread t = new Thread(r, "in-process-events");
                t.setDaemon(true);
                return t;
            });
            java.util.concurrent.ExecutorService invocations = java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "in-process-dispatch");
                t.setDaemon(true);
                return t;
            });
            started.push(() -> {
                queue.shutdownNow();
                invocations.shutdownNow();
            });
            io.cauri.event.DeliveryLog log = new io.cauri.store.DynamoDeliveryLog(dynamo.client(), TableNames.defaults(),
                    java.time.Duration.ofDays(30));
            IntentChangePublisher inProcess = new IntentChangePublisher(
                    event -> invocations.execute(() -> deliver(dispatcher, event, queue, invocations, 1)), log,
                    io.micronaut.serde.ObjectMapper.getDefault());
            started.push(new StreamPump(streams, streamArn, records -> publish(inProcess, records)));
        }
    }

    /** What the stream publisher does per batch, in-process: skips a poison record, stops at another failure. */
    private static String publish(IntentChangePublisher publisher, List<Record> records) {
        for (Record r : records) {
            try {
                publisher.publish(r.eventID(), IntentStreamImages.intent(r.eventID(), r.dynamodb().oldImage()),
                        IntentStreamImages.intent(r.eventID(), r.dynamodb().newImage()));
            } catch (io.cauri.event.PoisonRecordException poison) {
                System.err.println("local-api: stream record " + r.eventID() + " can never be published; skipped: "
                        + poison.getCause());
            } catch (RuntimeException e) {
                System.err.println("local-api: events of stream record " + r.eventID() + " not delivered: " + e);
                return r.dynamodb().sequenceNumber();
            }
        }
        return null;
    }

    /**
     * The event as the webhook queue would hand it to the dispatcher (raw delivery: body and attributes); a
     * message the dispatcher fails comes back a second later, {@value #IN_PROCESS_RECEIVES} times at most.
     */
    private static void deliver(LoadedConsumer dispatcher, EventEnvelope event,
                                java.util.concurrent.ScheduledExecutorService queue,
                                java.util.concurrent.ExecutorService invocations, int receive) {
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(QueuePump.message(UUID.randomUUID().toString(), event.body(), Map.of(
                "type", event.type().wire(), "merchantId", event.merchantId(), "mode", event.mode().wire()))));
        boolean failed;
        try {
            SQSBatchResponse response = dispatcher.invoke(batch);
            failed = response != null && response.getBatchItemFailures() != null && !response.getBatchItemFailures().isEmpty();
        } catch (RuntimeException e) {
            failed = true;
        }
        if (failed && receive < IN_PROCESS_RECEIVES) {
            try {
                queue.schedule(() -> invocations.execute(() -> deliver(dispatcher, event, queue, invocations, receive + 1)),
                        1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // local-api is stopping: in-process events are not kept across runs
            }
        } else if (failed) {
            System.err.println("local-api: the dispatcher could not take event " + event.id());
        }
    }
}
