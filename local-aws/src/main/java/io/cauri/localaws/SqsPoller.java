package io.cauri.localaws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What Lambda's event source mapping does for an SQS queue: receives up to ten messages, hands them to a
 * handler as an {@link SQSEvent} and deletes those not reported in {@code batchItemFailures}
 * (ReportBatchItemFailures); the others come back after the queue's visibility timeout.
 * <p>
 * In the background ({@link #start(String, int)}) it can run several batches at once, as Lambda scales an SQS
 * event source to many concurrent invocations: it goes on receiving while a batch waits on a slow endpoint, so a
 * hanging endpoint holds the batches of its own deliveries, never the queue. The threads are elastic: made when
 * more batches run at once than threads exist, ended after a minute idle, never more than the concurrency.
 * <p>
 * Its receives are long polls ({@link #start(String, int, int)}; Lambda's own poller waits 20 s): an idle queue
 * costs one request per wait, and a message that arrives during one is received at once.
 */
public final class SqsPoller implements AutoCloseable {
    /** How long the background thread waits for a free slot before it looks again whether it was closed. */
    private static final long SLOT_WAIT_MILLIS = 100;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final Function<SQSEvent, SQSBatchResponse> handler;
    private volatile boolean running;
    /** True while the background thread waits in a receive: {@link #close()} need not wait for it. */
    private volatile boolean receiving;
    private Thread thread;
    private Semaphore slots;
    /** Null when one batch runs at a time, on the receiving thread. */
    private ExecutorService invocations;

    public SqsPoller(SqsClient sqs, Fauxqs.Queue queue, Function<SQSEvent, SQSBatchResponse> handler) {
        this.sqs = sqs;
        this.queueUrl = queue.url();
        this.queueArn = queue.arn();
        this.handler = handler;
    }

    /** One receive (long polling up to {@code waitSeconds}); returns how many messages were handled. */
    public int pollOnce(int waitSeconds) {
        List<Message> messages = receive(waitSeconds);
        if (!messages.isEmpty()) {
            invoke(messages);
        }
        return messages.size();
    }

    private List<Message> receive(int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    /** One invocation: the batch to the handler, then the messages it did not fail deleted. */
    private void invoke(List<Message> messages) {
        SQSBatchResponse response = handler.apply(event(queueArn, messages));
        Set<String> failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toSet());
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /** Polls in the background, one batch at a time, like a running event source mapping of concurrency one. */
    public SqsPoller start() {
        return start("sqs-poller", 1);
    }

    /**
     * Polls in the background on a thread of that name (which also prefixes its error lines on stderr), running
     * up to {@code concurrency} batches at once, with 1 s long polls.
     */
    public SqsPoller start(String threadName, int concurrency) {
        return start(threadName, concurrency, 1);
    }

    /**
     * {@link #start(String, int)} with receives that wait up to {@code waitSeconds} (0-20, SQS's WaitTimeSeconds)
     * for a message: an idle queue costs one receive per {@code waitSeconds}, and a message sent meanwhile ends the
     * wait, so a longer wait delays nothing.
     */
    public SqsPoller start(String threadName, int concurrency, int waitSeconds) {
        if (waitSeconds < 0 || waitSeconds > 20) {
            throw new IllegalArgumentException("waitSeconds must be 0-20 (SQS's WaitTimeSeconds), got " + waitSeconds);
        }
        running = true;
        slots = new Semaphore(concurrency);
        if (concurrency > 1) {
            // Threads made as batches need them and gone after a minute idle (as Lambda adds and removes
            // instances), the semaphore bounding how many run: a bound of hundreds costs nothing until used, where
            // a fixed pool would keep a thread for every batch that ever ran at once.
            invocations = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, threadName + "-invocation");
                t.setDaemon(true);
                return t;
            });
        }
        thread = new Thread(() -> {
            while (running) {
                try {
                    pollInBackground(threadName, waitSeconds);
                } catch (RuntimeException e) {
                    if (running) {
                        System.err.println(threadName + ": " + e);
                        sleep();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Waits for a free slot, receives, and runs the batch (on the pool when there is one). */
    private void pollInBackground(String threadName, int waitSeconds) throws InterruptedException {
        // A timed wait, so that a poller whose slots are all held by slow batches sees close() within one timeout
        // and ends instead of holding close() in its join.
        if (!slots.tryAcquire(SLOT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            return;
        }
        List<Message> messages;
        // receiving is set before running is read, and close() does the reverse: either this thread sees the close
        // and starts no receive, or close() sees it receiving and does not wait for it
        receiving = true;
        if (!running) {
            receiving = false;
            slots.release();
            return;
        }
        try {
            messages = receive(waitSeconds);
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        } finally {
            receiving = false;
        }
        if (messages.isEmpty() || !running) {
            // closed during the wait: what it received comes back after the visibility timeout, as from a stopped
            // event source mapping
            slots.release();
            return;
        }
        if (invocations == null) {
            try {
                invoke(messages);
            } finally {
                slots.release();
            }
            return;
        }
        invocations.execute(() -> {
            try {
                invoke(messages);
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println(threadName + ": " + e);
                }
            } finally {
                slots.release();
            }
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A batch of received messages as the SQS event source mapping delivers it. */
    public static SQSEvent event(String queueArn, List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(messages.size());
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(LocalClients.REGION.id());
            Map<String, String> attributes = new HashMap<>();
            m.attributesAsStrings().forEach(attributes::put);
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            m.messageAttributes().forEach((name, value) -> messageAttributes.put(name,
                    attribute(value.dataType(), value.stringValue())));
            record.setMessageAttributes(messageAttributes);
            records.add(record);
        }
        return batch(records);
    }

    /** One SQS record as Lambda delivers it, made from a body and string message attributes (no queue behind it). */
    public static SQSEvent.SQSMessage message(String id, String body, Map<String, String> attributes) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(id);
        record.setBody(body);
        record.setEventSource("aws:sqs");
        Map<String, SQSEvent.MessageAttribute> converted = new HashMap<>();
        attributes.forEach((name, value) -> converted.put(name, attribute("String", value)));
        record.setMessageAttributes(converted);
        return record;
    }

    /** Records as one SQS event. */
    public static SQSEvent batch(List<SQSEvent.SQSMessage> records) {
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static SQSEvent.MessageAttribute attribute(String dataType, String value) {
        SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
        a.setDataType(dataType);
        a.setStringValue(value);
        return a;
    }

    @Override
    public void close() {
        running = false;
        // A thread waiting in a long poll is not waited for (up to 20 s): it ends when the receive returns, without
        // handling what it received. One waiting for a slot ends within SLOT_WAIT_MILLIS and starts no receive.
        // One running a batch is given 5 s to finish it.
        if (thread != null && !receiving) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (invocations != null) {
            invocations.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "queue poller of " + queueUrl;
    }
}
