package io.cauri.localapi;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cauri.aws.SnsEventPublisher;
import io.cauri.event.EventEnvelope;
import io.cauri.stream.IntentChangePublisher;
import io.cauri.store.IntentStreamImages;
import io.cauri.store.LedgerStreamImages;
import io.cauri.stream.MoneyOutChangePublisher;
import io.cauri.store.TableNames;
import io.cauri.localaws.Fauxqs;
import io.cauri.localaws.LocalDynamoDb;
import io.cauri.localaws.SqsPoller;
import io.cauri.localaws.StreamPoller;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Status events and webhooks in local-api, as on AWS: the streams of the tables template.yaml maps to the
 * stream publisher (the intents table's, the ledger table's; DynamoDB Local) feed the real stream-publisher function, whose events go through the pinned SNS/SQS emulator to the real
 * webhook-dispatcher function. Without Node or the emulator it says so and runs the same ports in-process:
 * the stream's records are published by shared-model's {@link IntentChangePublisher} straight to the
 * dispatcher function, whose retries then run in its own JVM-local queue. The system property
 * {@value #IN_PROCESS} = {@code true} asks for the in-process way even where Node is; an emulator that is there but
 * does not start (a half-finished {@code npm ci}, a broken package) is said in one line and events run in-process
 * too: local-api never stops for want of its emulator. {@value #EMULATOR_DIR} names another emulator folder than
 * the repository's tools/aws-emulators.
 */
final class EventPipeline {
    static final String PUBLISHER = "StreamPublisherFunction";
    static final String DISPATCHER = "WebhookDispatcherFunction";
    static final String IN_PROCESS = "cauri.local.events-in-process";
    static final String EMULATOR_DIR = "cauri.local.emulator-dir";
    private static final List<String> PROPERTIES = List.of("cauri.events.endpoint", "cauri.events.topic-arn",
            "cauri.webhooks.queue-url", "cauri.webhooks.dead-letter-queue-url", "cauri.events.failures-queue-url");
    /** Deliveries handed to the dispatcher at once, in-process: one hanging endpoint holds one of them only. */
    private static final int IN_PROCESS_RECEIVES = 5;
    /**
     * Webhook queue batches run at once, at most: Lambda's default account concurrency. Lambda scales an SQS event
     * source up to that many concurrent invocations, so a batch holding a delivery to a hanging endpoint (up to its
     * 10 s timeout) holds one of a thousand, not of a few dozen: at 50 payments/s, about 47 batches a second each
     * holding a delivery to a hanging merchant hold ~470 invocations at once. Threads are made only as batches need
     * them ({@link SqsPoller}).
     */
    static final int QUEUE_CONCURRENCY = 1000;
    /** How often each stream is read while it has records (what Lambda's stream polling costs in latency). */
    private static final long STREAM_INTERVAL_MILLIS = 200;
    /**
     * How often an idle stream is read: the wait doubles from {@value #STREAM_INTERVAL_MILLIS} ms up to this while
     * passes find nothing, so an idle local-api rests near 0 % CPU. Every write DynamoDB Local answers wakes the
     * streams at once ({@link LocalDynamoDb#onWrite}: a request's write, and as much one a function makes later on
     * its own thread, such as a sandbox payer's answer), so no record waits for this; it only bounds how often an
     * idle stream is looked at.
     */
    static final long STREAM_IDLE_MILLIS = 3200;
    /**
     * The webhook queue's long polls (SQS's longest, what Lambda's poller uses): an idle queue costs one receive per
     * wait, and a message that arrives ends the wait.
     */
    static final int QUEUE_WAIT_SECONDS = 20;
    /** Records per stream batch (template.yaml's BatchSize). */
    private static final int STREAM_BATCH = 100;

    /** Null when events run in-process. */
    private final Fauxqs emulator;
    private final Fauxqs.Queue queue;
    private final String mode;
    /** The stream pollers started, woken by {@link #wake()}. */
    private final List<StreamPoller> streams = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EventPipeline(Fauxqs emulator, Fauxqs.Queue queue, String mode) {
        this.emulator = emulator;
        this.queue = queue;
        this.mode = mode;
    }

    /**
     * Before the functions load (they read their configuration at cold start): starts the emulator if it can,
     * creates the topic, the webhook queue subscribed to it and the dead-letter queue, and points the functions
     * at them.
     */
    static EventPipeline prepare(Path repository, Deque<AutoCloseable> started) throws Exception {
        PROPERTIES.forEach(System::clearProperty); // nothing from an earlier run in this JVM
        String dir = System.getProperty(EMULATOR_DIR);
        Path tools = dir != null && !dir.isBlank() ? Path.of(dir)
                : repository.resolve("tools").resolve("aws-emulators");
        Optional<String> unavailable = Boolean.getBoolean(IN_PROCESS) ? Optional.of(IN_PROCESS + "=true")
                : Fauxqs.unavailable(tools);
        if (unavailable.isPresent()) {
            return new EventPipeline(null, null, "in-process (" + oneLine(unavailable.get()) + ")");
        }
        Fauxqs emulator = null;
        try {
            emulator = Fauxqs.start(tools);
            String topicArn = emulator.createTopic("payment-events");
            // 30 s: the visibility timeout of template.yaml's queues (and SQS's default)
            Fauxqs.Queue queue = emulator.createQueue("webhooks", 30);
            Fauxqs.Queue deadLetters = emulator.createQueue("webhooks-dlq", 30);
            Fauxqs.Queue streamFailures = emulator.createQueue("stream-failures", 30);
            // as template.yaml subscribes it: the events no webhook endpoint wants stay out of the queue
            emulator.subscribeRaw(topicArn, queue, SnsEventPublisher.WEBHOOK_QUEUE_FILTER_POLICY);
            System.setProperty("cauri.events.endpoint", emulator.endpoint());
            System.setProperty("cauri.events.topic-arn", topicArn);
            System.setProperty("cauri.webhooks.queue-url", queue.url());
            System.setProperty("cauri.webhooks.dead-letter-queue-url", deadLetters.url());
            System.setProperty("cauri.events.failures-queue-url", streamFailures.url());
            started.push(emulator);
            return new EventPipeline(emulator, queue, emulator.toString());
        } catch (RuntimeException e) {
            // installed but not working: the same code in-process, and the reason in one line (with the fix)
            if (emulator != null) {
                emulator.close();
            }
            PROPERTIES.forEach(System::clearProperty);
            return new EventPipeline(null, null, "in-process (the SNS/SQS emulator in " + tools + " failed to start: "
                    + oneLine(e.getMessage()) + "; reinstall it: npm ci --prefix tools/aws-emulators)");
        }
    }

    /**
     * A reason that may hold a process's whole output (Node's: the file, the source line, a caret, then the error) as
     * one readable line: its first line, and the first later line naming an error, each cut at 200 characters.
     */
    static String oneLine(String reason) {
        List<String> lines = (reason == null ? "" : reason).lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.length() > 200 ? l.substring(0, 200) + "…" : l).toList();
        if (lines.isEmpty()) {
            return "no reason given";
        }
        return lines.stream().skip(1).filter(l -> l.matches(".*\\b[A-Za-z]*Error\\b.*")).findFirst()
                .map(error -> lines.get(0) + " … " + error).orElse(lines.get(0));
    }

    /** How events travel in this run, for the banner. */
    String mode() {
        return mode;
    }

    /** After the HTTP functions: loads the consumers of template.yaml and starts the event source mappings. */
    void start(SamTemplate template, LocalDynamoDb dynamo, Deque<AutoCloseable> started) throws Exception {
        Optional<SamTemplate.Function> publisherFn = template.consumer(PUBLISHER).filter(f -> Files.isRegularFile(f.jar()));
        Optional<SamTemplate.Function> dispatcherFn = template.consumer(DISPATCHER).filter(f -> Files.isRegularFile(f.jar()));
        if (dispatcherFn.isEmpty() || (emulator != null && publisherFn.isEmpty())) {
            System.out.println("  Events: off — " + PUBLISHER + " or " + DISPATCHER + " is missing from the template or "
                    + "not built (./mvnw -q -DskipTests -Dproguard.skip=true package)");
            return;
        }
        LoadedConsumer dispatcher = FunctionLoader.loadConsumer(dispatcherFn.get());
        started.push(dispatcher);
        // whoever writes (a function's client on any thread, a sweep, a test): its stream record is read now
        dynamo.onWrite(this::wake);
        Map<String, String> streamArns = new java.util.LinkedHashMap<>(); // thread name -> stream, as the template maps them
        for (String table : template.streamsOf(PUBLISHER)) {
            String local = LOCAL_TABLES.get(table);
            if (local == null) {
                System.out.println("  Events: the stream of " + table + " is not read locally (no such local table)");
                continue;
            }
            streamArns.put(table.replace("Table", "").toLowerCase(java.util.Locale.ROOT) + "-stream",
                    StreamPoller.streamArn(dynamo, local));
        }
        if (emulator != null) {
            LoadedConsumer publisher = FunctionLoader.loadConsumer(publisherFn.get());
            started.push(publisher);
            streamArns.forEach((thread, streamArn) -> started.push(polling(new StreamPoller(dynamo.streamsClient(), streamArn,
                    publisher::invoke, STREAM_BATCH).start(thread, STREAM_INTERVAL_MILLIS, STREAM_IDLE_MILLIS))));
            started.push(webhookQueue(emulator.sqs(), queue, dispatcher::invoke));
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
            io.cauri.webhook.DeliveryLog log = new io.cauri.store.DynamoDeliveryLog(dynamo.client(), TableNames.defaults(),
                    java.time.Duration.ofDays(30));
            io.cauri.event.EventPublisher toDispatcher =
                    event -> invocations.execute(() -> deliver(dispatcher, event, queue, invocations, 1));
            IntentChangePublisher inProcess = new IntentChangePublisher(toDispatcher, log,
                    io.micronaut.serde.ObjectMapper.getDefault());
            MoneyOutChangePublisher moneyOut = new MoneyOutChangePublisher(toDispatcher, log,
                    io.micronaut.serde.ObjectMapper.getDefault());
            streamArns.forEach((thread, streamArn) -> started.push(polling(StreamPoller.ofRecords(dynamo.streamsClient(), streamArn,
                    records -> publish(inProcess, moneyOut, records), STREAM_BATCH).start(thread, STREAM_INTERVAL_MILLIS, STREAM_IDLE_MILLIS))));
        }
    }

    /** The webhook queue's event source mapping, started: its handler is the dispatcher's invocation. */
    static SqsPoller webhookQueue(software.amazon.awssdk.services.sqs.SqsClient sqs, Fauxqs.Queue queue,
                                  java.util.function.Function<SQSEvent, SQSBatchResponse> dispatcher) {
        return new SqsPoller(sqs, queue, dispatcher).start("webhook-queue", QUEUE_CONCURRENCY, QUEUE_WAIT_SECONDS);
    }

    private StreamPoller polling(StreamPoller poller) {
        streams.add(poller);
        return poller;
    }

    /**
     * Something may just have written to a table (DynamoDB Local answered a write, a scheduled sweep ran): the
     * streams are read now rather than after their idle wait.
     */
    void wake() {
        streams.forEach(StreamPoller::wake);
    }

    /** The template's tables whose streams local-api reads, by logical name → their local table. */
    private static final Map<String, String> LOCAL_TABLES = Map.of(
            "IntentsTable", TableNames.defaults().intents(),
            "LedgerTable", TableNames.defaults().ledger());

    /**
     * What the stream publisher does per batch, in-process (as its handler: an intent's record, or a refund's or
     * transfer's; the ledger's journal and balance records announce nothing): skips a poison record, stops at
     * another failure.
     */
    static String publish(IntentChangePublisher publisher, MoneyOutChangePublisher moneyOut, List<Record> records) {
        for (Record r : records) {
            try {
                var keys = r.dynamodb().keys();
                var old = r.dynamodb().oldImage();
                var now = r.dynamodb().newImage();
                if (!LedgerStreamImages.isLedgerKey(keys)) {
                    publisher.publish(r.eventID(), IntentStreamImages.intent(r.eventID(), old),
                            IntentStreamImages.intent(r.eventID(), now), IntentStreamImages.correlationId(now));
                } else {
                    switch (LedgerStreamImages.kindOf(keys.get("sk").s())) {
                        case TRANSFER -> moneyOut.publish(r.eventID(), LedgerStreamImages.transfer(r.eventID(), old),
                                LedgerStreamImages.transfer(r.eventID(), now), LedgerStreamImages.correlationId(now));
                        case REFUND -> moneyOut.publish(r.eventID(), LedgerStreamImages.refund(r.eventID(), old),
                                LedgerStreamImages.refund(r.eventID(), now), LedgerStreamImages.correlationId(now));
                        case OTHER -> {
                            // the ledger's journal and balances: no event
                        }
                    }
                }
            } catch (io.cauri.stream.PoisonRecordException poison) {
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
        SQSEvent batch = SqsPoller.batch(List.of(SqsPoller.message(UUID.randomUUID().toString(), event.body(),
                Map.of("type", event.type().wire(), "merchantId", event.merchantId(), "mode", event.mode().wire()))));
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
