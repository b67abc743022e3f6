package io.cauri.localaws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On the real emulator (fauxqs): needs Node and npm ci --prefix tools/aws-emulators, never skipped. */
class SqsPollerTest {
    final Fauxqs fauxqs = Fauxqs.shared();

    Fauxqs.Queue queue(int visibilityTimeoutSeconds) {
        return fauxqs.createQueue("poller-" + UUID.randomUUID().toString().substring(0, 8), visibilityTimeoutSeconds);
    }

    void send(Fauxqs.Queue queue, String body) {
        fauxqs.sqs().sendMessage(r -> r.queueUrl(queue.url()).messageBody(body)
                .messageAttributes(Map.of("type", software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder()
                        .dataType("String").stringValue("test.event").build())));
    }

    @Test
    void deletesWhatTheHandlerAcceptedAndLeavesAFailedMessageToComeBack() {
        Fauxqs.Queue queue = queue(1);
        send(queue, "ok");
        send(queue, "fail");
        List<String> bodies = new ArrayList<>();
        SqsPoller poller = new SqsPoller(fauxqs.sqs(), queue, (SQSEvent batch) -> {
            SQSBatchResponse response = new SQSBatchResponse(new ArrayList<>());
            for (SQSEvent.SQSMessage m : batch.getRecords()) {
                assertEquals("aws:sqs", m.getEventSource());
                assertEquals(queue.arn(), m.getEventSourceArn());
                assertEquals("test.event", m.getMessageAttributes().get("type").getStringValue());
                bodies.add(m.getBody());
                if (m.getBody().equals("fail")) {
                    response.getBatchItemFailures().add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                }
            }
            return response;
        });
        int handled = 0;
        long deadline = System.currentTimeMillis() + 10_000;
        while (handled < 2 && System.currentTimeMillis() < deadline) {
            handled += poller.pollOnce(1);
        }
        assertEquals(2, handled);
        bodies.clear();
        deadline = System.currentTimeMillis() + 10_000;
        while (bodies.isEmpty() && System.currentTimeMillis() < deadline) {
            poller.pollOnce(1); // after the visibility timeout, the failed one only
        }
        assertEquals(List.of("fail"), bodies);
    }

    @Test
    void runsBatchesAtOnceWhileOneWaits() throws Exception {
        Fauxqs.Queue queue = queue(30);
        for (int i = 0; i < 15; i++) {
            send(queue, "m" + i);
        }
        CountDownLatch twoAtOnce = new CountDownLatch(2);
        AtomicInteger inHandler = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        try (SqsPoller poller = new SqsPoller(fauxqs.sqs(), queue, (SQSEvent batch) -> {
            mostAtOnce.accumulateAndGet(inHandler.incrementAndGet(), Math::max);
            twoAtOnce.countDown();
            try {
                twoAtOnce.await(10, TimeUnit.SECONDS); // a batch that waits holds its slot, not the queue
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batch.getRecords().forEach(m -> bodies.add(m.getBody()));
            inHandler.decrementAndGet();
            return new SQSBatchResponse(List.of());
        }).start("test-queue", 4)) {
            long deadline = System.currentTimeMillis() + 20_000;
            while (bodies.size() < 15 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
        }
        assertEquals(15, bodies.size());
        assertTrue(mostAtOnce.get() >= 2, "two batches were in the handler at the same time: " + mostAtOnce.get());
    }

    @Test
    void anIdleQueueCostsOneReceivePerLongPollAndAMessageEndsTheWaitAtOnce() throws Exception {
        Fauxqs.Queue queue = queue(30);
        AtomicInteger receives = new AtomicInteger();
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        try (software.amazon.awssdk.services.sqs.SqsClient counting = countingReceives(receives)) {
            SqsPoller poller = new SqsPoller(counting, queue, (SQSEvent batch) -> {
                batch.getRecords().forEach(m -> bodies.add(m.getBody()));
                return new SQSBatchResponse(List.of());
            }).start("test-queue-idle", 4, 20);
            try {
                Thread.sleep(3_000);
                // one long poll waiting (1 s polls would have made 3 or 4 receives by now)
                assertTrue(receives.get() <= 2, "receives while idle: " + receives.get());
                long sent = System.nanoTime();
                send(queue, "during-the-wait");
                long deadline = System.currentTimeMillis() + 10_000;
                while (bodies.isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10);
                }
                long tookMillis = (System.nanoTime() - sent) / 1_000_000;
                assertEquals(List.of("during-the-wait"), bodies);
                assertTrue(tookMillis < 5_000, "the message waited " + tookMillis + " ms");
                Thread.sleep(200); // the poller is back in a long poll
            } finally {
                long closing = System.nanoTime();
                poller.close();
                long closeMillis = (System.nanoTime() - closing) / 1_000_000;
                // not held by the receive still waiting (up to 20 s)
                assertTrue(closeMillis < 2_000, "close took " + closeMillis + " ms");
            }
        }
    }

    /** A client of the emulator that counts the receives it sends. */
    software.amazon.awssdk.services.sqs.SqsClient countingReceives(AtomicInteger receives) {
        return software.amazon.awssdk.services.sqs.SqsClient.builder()
                .endpointOverride(java.net.URI.create(fauxqs.endpoint())).region(LocalClients.REGION)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                                software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        if (context.request() instanceof software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest) {
                            receives.incrementAndGet();
                        }
                    }
                })).build();
    }

    @Test
    void closingAPollerWhoseSlotsAreAllBusyReturnsAtOnceAndStartsNoReceiveAfterwards() throws Exception {
        Fauxqs.Queue queue = queue(30);
        AtomicInteger receives = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inHandler = new AtomicInteger();
        try (software.amazon.awssdk.services.sqs.SqsClient counting = countingReceives(receives)) {
            SqsPoller poller = new SqsPoller(counting, queue, (SQSEvent batch) -> {
                inHandler.incrementAndGet();
                try {
                    release.await(30, TimeUnit.SECONDS); // a slow endpoint: the batch holds its slot
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new SQSBatchResponse(List.of());
            }).start("test-queue-busy", 2, 1);
            try {
                // two batches, one message each, so that both slots are held and the poller waits for one
                for (int batch = 1; batch <= 2; batch++) {
                    send(queue, "slow-" + batch);
                    long deadline = System.currentTimeMillis() + 10_000;
                    while (inHandler.get() < batch && System.currentTimeMillis() < deadline) {
                        Thread.sleep(10);
                    }
                    assertEquals(batch, inHandler.get(), "batches in the handler");
                }
                Thread.sleep(300); // the receiving thread is now waiting for a slot
                long closing = System.nanoTime();
                poller.close();
                long closeMillis = (System.nanoTime() - closing) / 1_000_000;
                assertTrue(closeMillis < 1_000, "close took " + closeMillis + " ms");
                int atClose = receives.get();
                release.countDown(); // the slots come free: a poller still running would receive again now
                Thread.sleep(1_500);
                assertEquals(atClose, receives.get(), "receives after close");
            } finally {
                release.countDown();
                poller.close();
            }
        }
    }

    @Test
    void invocationThreadsAreMadeForBatchesRunningAtOnceNotForEveryBatchUpToTheBound() throws Exception {
        Fauxqs.Queue queue = queue(30);
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger handled = new AtomicInteger();
        try (SqsPoller poller = new SqsPoller(fauxqs.sqs(), queue, (SQSEvent batch) -> {
            threads.add(Thread.currentThread().getName() + "#" + Thread.currentThread().getId());
            handled.addAndGet(batch.getRecords().size());
            return new SQSBatchResponse(List.of());
        }).start("test-queue-elastic", 1000, 1)) {
            // one batch after the other, each sent once the last was handled: never two at once
            for (int i = 0; i < 20; i++) {
                send(queue, "one-at-a-time-" + i);
                long deadline = System.currentTimeMillis() + 10_000;
                while (handled.get() <= i && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(i + 1, handled.get(), "handled");
                Thread.sleep(20); // the invocation's thread is back waiting for work
            }
        }
        // a pool of the bound's size would have made a thread per batch (20); made on demand, one or two serve
        assertTrue(threads.size() <= 3, "threads that ran the 20 batches: " + threads.size());
    }
}
