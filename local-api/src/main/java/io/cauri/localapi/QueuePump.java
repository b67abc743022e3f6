package io.cauri.localapi;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The SQS event source mapping of template.yaml on the emulator: long-polls the webhook queue, hands up to ten
 * messages as an {@link SQSEvent} to the dispatcher and deletes those it did not report failed. Like Lambda,
 * which scales an SQS event source to hundreds of concurrent invocations, it runs up to {@value #CONCURRENCY}
 * batches at once and goes on polling while a batch waits on a slow endpoint: a hanging endpoint holds the
 * batches of its own deliveries (up to its 10 s timeout each), never the queue.
 */
final class QueuePump implements AutoCloseable {
    private final SqsClient sqs;
    private final String queueUrl;
    private final Function<SQSEvent, SQSBatchResponse> handler;
    static final int CONCURRENCY = 64;
    private volatile boolean running = true;
    private final Thread thread;
    private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(CONCURRENCY);
    private final java.util.concurrent.ExecutorService invocations = java.util.concurrent.Executors.newFixedThreadPool(
            CONCURRENCY, r -> {
                Thread t = new Thread(r, "webhook-dispatch");
                t.setDaemon(true);
                return t;
            });

    QueuePump(SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> handler) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
        thread = new Thread(this::run, "webhook-queue");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("local-api: webhook queue: " + e);
                    sleep();
                }
            }
        }
    }

    private void pollOnce() {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        List<Message> messages;
        try {
            messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        if (messages.isEmpty()) {
            slots.release();
            return;
        }
        invocations.execute(() -> {
            try {
                invoke(messages);
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("local-api: webhook queue: " + e);
                }
            } finally {
                slots.release();
            }
        });
    }

    /** One invocation: the batch to the dispatcher, then the messages it did not fail deleted. */
    private void invoke(List<Message> messages) {
        SQSBatchResponse response = handler.apply(event(messages));
        Set<String> failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toSet());
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    static SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(messages.size());
        for (Message m : messages) {
            Map<String, String> attributes = new HashMap<>();
            m.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
            records.add(message(m.messageId(), m.body(), attributes));
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** One SQS record as Lambda delivers it: body and string message attributes. */
    static SQSEvent.SQSMessage message(String id, String body, Map<String, String> attributes) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(id);
        record.setBody(body);
        record.setEventSource("aws:sqs");
        Map<String, SQSEvent.MessageAttribute> converted = new HashMap<>();
        attributes.forEach((name, value) -> {
            SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
            a.setDataType("String");
            a.setStringValue(value);
            converted.put(name, a);
        });
        record.setMessageAttributes(converted);
        return record;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        invocations.shutdownNow();
    }

    @Override
    public String toString() {
        return "webhook queue pump";
    }
}
