package io.cauri.localapi;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cauri.localaws.Fauxqs;
import io.cauri.localaws.SqsPoller;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * local-api's webhook queue mapping, on the real emulator (fauxqs; needs npm ci --prefix tools/aws-emulators):
 * batches held by a hanging endpoint hold invocations of their own, as on Lambda (up to the account's
 * concurrency), so another merchant's webhook is handed to the dispatcher at once.
 */
class EventPipelineQueueTest {
    /** Far more batches than the few dozen slots local-api once had. */
    static final int HANGING_MESSAGES = 700;

    @Test
    void batchesHeldByAHangingEndpointDoNotKeepAnotherMerchantsWebhookWaiting() throws Exception {
        Fauxqs fauxqs = Fauxqs.shared();
        Fauxqs.Queue queue = fauxqs.createQueue("webhooks-" + UUID.randomUUID().toString().substring(0, 8), 30);
        CountDownLatch endpointAnswers = new CountDownLatch(1);
        AtomicInteger hanging = new AtomicInteger();
        long[] healthyHandled = {0};
        try (SqsPoller poller = EventPipeline.webhookQueue(fauxqs.sqs(), queue, (SQSEvent batch) -> {
            int held = 0;
            for (SQSEvent.SQSMessage m : batch.getRecords()) {
                if (m.getBody().equals("healthy")) {
                    synchronized (healthyHandled) {
                        healthyHandled[0] = System.nanoTime();
                    }
                } else {
                    held++;
                }
            }
            if (held > 0) {
                hanging.addAndGet(held);
                try {
                    endpointAnswers.await(60, TimeUnit.SECONDS); // the POST that hangs (10 s on AWS; here until the end)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new SQSBatchResponse(List.of());
        })) {
            for (int sent = 0; sent < HANGING_MESSAGES; sent += 10) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("hanging-" + (sent + i)).build());
                }
                fauxqs.sqs().sendMessageBatch(r -> r.queueUrl(queue.url()).entries(entries));
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (hanging.get() < HANGING_MESSAGES && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            // at most ten a batch: at least 70 batches are now each holding an invocation
            assertEquals(HANGING_MESSAGES, hanging.get(), "hanging deliveries handed to the dispatcher");
            long sent = System.nanoTime();
            fauxqs.sqs().sendMessage(r -> r.queueUrl(queue.url()).messageBody("healthy"));
            deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                synchronized (healthyHandled) {
                    if (healthyHandled[0] != 0) {
                        break;
                    }
                }
                Thread.sleep(5);
            }
            long tookMillis;
            synchronized (healthyHandled) {
                assertTrue(healthyHandled[0] != 0, "the healthy merchant's webhook never reached the dispatcher");
                tookMillis = (healthyHandled[0] - sent) / 1_000_000;
            }
            // a receive and a hand-over on a loaded machine
            assertTrue(tookMillis < 2_000, "the healthy merchant's webhook waited " + tookMillis + " ms");
        } finally {
            endpointAnswers.countDown();
        }
    }
}
