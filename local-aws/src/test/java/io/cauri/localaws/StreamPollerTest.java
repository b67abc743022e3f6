package io.cauri.localaws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamPollerTest {
    static LocalDynamoDb db;

    @BeforeAll
    static void start() throws Exception {
        db = LocalDynamoDb.inMemory();
        LocalDynamoDbTest.createTable(db.client(), "things");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void handsLambdaEventsFromLatestOnInOrderAndReadsAgainFromAFailedRecord() {
        LocalDynamoDbTest.put(db.client(), "things", "before"); // written before the poller: not its concern
        String arn = StreamPoller.streamArn(db, "things");
        List<String> seen = new ArrayList<>();
        boolean[] failOnce = {true};
        try (StreamPoller poller = new StreamPoller(db.streamsClient(), arn, (DynamodbEvent batch) -> {
            StreamsEventResponse response = new StreamsEventResponse();
            for (DynamodbEvent.DynamodbStreamRecord r : batch.getRecords()) {
                assertEquals("aws:dynamodb", r.getEventSource());
                assertEquals(arn, r.getEventSourceARN());
                String id = r.getDynamodb().getNewImage().get("id").getS();
                if (id.equals("c") && failOnce[0]) {
                    failOnce[0] = false;
                    response.setBatchItemFailures(List.of(new StreamsEventResponse.BatchItemFailure(
                            r.getDynamodb().getSequenceNumber())));
                    return response;
                }
                seen.add(id);
            }
            return response;
        }, 100)) {
            for (String id : List.of("a", "b", "c", "d")) {
                LocalDynamoDbTest.put(db.client(), "things", id);
            }
            int first = poller.pollOnce();
            assertEquals(2, first, "a and b accepted, the batch failed at c");
            assertEquals(1, poller.retries());
            int second = poller.pollOnce();
            assertEquals(2, second, "read again from c: c and d, not a and b");
            assertEquals(List.of("a", "b", "c", "d"), seen);
            assertEquals(0, poller.pollOnce(), "nothing new");
        }
    }

    @Test
    void aRecordsHandlerInTheBackground() throws Exception {
        String arn = StreamPoller.streamArn(db, "things");
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        try (StreamPoller poller = StreamPoller.ofRecords(db.streamsClient(), arn, records -> {
            records.forEach(r -> seen.add(r.dynamodb().newImage().get("id").s()));
            return null;
        }, 10).start("test-stream", 50)) {
            LocalDynamoDbTest.put(db.client(), "things", "background");
            long deadline = System.currentTimeMillis() + 10_000;
            while (!seen.contains("background") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of("background"), seen);
        }
    }

    @Test
    void anIdleBackgroundPollerBacksOffAndStillHandsOverTheNextRecordWithinItsIdleWait() throws Exception {
        String arn = StreamPoller.streamArn(db, "things");
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        try (StreamPoller poller = StreamPoller.ofRecords(db.streamsClient(), arn, records -> {
            records.forEach(r -> seen.add(r.dynamodb().newImage().get("id").s()));
            return null;
        }, 10).start("test-stream-backoff", 50, 800)) {
            Thread.sleep(2_000); // idle: the waits grow 100, 200, 400, 800, 800 ms
            LocalDynamoDbTest.put(db.client(), "things", "after-quiet");
            long start = System.nanoTime();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!seen.contains("after-quiet") && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(List.of("after-quiet"), seen);
            // at most one idle wait, plus the pass itself on a loaded machine
            org.junit.jupiter.api.Assertions.assertTrue(tookMillis < 800 + 2_000, "took " + tookMillis + " ms");
        }
    }

    @Test
    void aWokenPollerReadsTheNextRecordAtOnceInsteadOfAfterItsIdleWait() throws Exception {
        String arn = StreamPoller.streamArn(db, "things");
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        try (StreamPoller poller = StreamPoller.ofRecords(db.streamsClient(), arn, records -> {
            records.forEach(r -> seen.add(r.dynamodb().newImage().get("id").s()));
            return null;
        }, 10).start("test-stream-wake", 30_000, 30_000)) {
            // a fixed 30 s wait after the first pass (made at start): without a wake the record put now would be
            // read some 29 s later, never within the bound below
            Thread.sleep(1_000);
            LocalDynamoDbTest.put(db.client(), "things", "woken");
            long start = System.nanoTime();
            poller.wake(); // what local-api does after each request it serves
            long deadline = System.currentTimeMillis() + 10_000;
            while (!seen.contains("woken") && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(List.of("woken"), seen);
            // one pass, on a loaded machine; without the wake it would be the rest of the 30 s wait
            org.junit.jupiter.api.Assertions.assertTrue(tookMillis < 5_000, "took " + tookMillis + " ms");
        }
    }

    @Test
    void aWriteFromAnyClientOnAnyThreadWakesAPollerListeningToDynamoDbLocalsWrites() throws Exception {
        String arn = StreamPoller.streamArn(db, "things");
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        try (StreamPoller poller = StreamPoller.ofRecords(db.streamsClient(), arn, records -> {
            records.forEach(r -> seen.add(r.dynamodb().newImage().get("id").s()));
            return null;
        }, 10).start("test-stream-onwrite", 30_000, 30_000);
             // another client, as a function's own (its own HTTP connections), writing on its own thread: no
             // caller of wake() knows of this write, only DynamoDB Local does
             software.amazon.awssdk.services.dynamodb.DynamoDbClient other = LocalClients.dynamoDb(db.endpoint())) {
            db.onWrite(poller::wake);
            Thread.sleep(1_000); // the first pass is made: the poller now waits 30 s
            long[] start = new long[1];
            Thread writer = new Thread(() -> {
                start[0] = System.nanoTime();
                LocalDynamoDbTest.put(other, "things", "written-elsewhere");
            });
            writer.start();
            writer.join();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!seen.contains("written-elsewhere") && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            long tookMillis = (System.nanoTime() - start[0]) / 1_000_000;
            assertEquals(List.of("written-elsewhere"), seen);
            // the write and one pass, on a loaded machine; unwoken, the rest of the 30 s wait
            org.junit.jupiter.api.Assertions.assertTrue(tookMillis < 3_000, "took " + tookMillis + " ms");
        }
    }

    @Test
    void aStormOfWakesCostsAPassPerGapAndOneGetRecordsPerPassNotADescribeStreamPerWrite() throws Exception {
        String arn = StreamPoller.streamArn(db, "things");
        java.util.concurrent.atomic.AtomicInteger describes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        try (software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient counting =
                     software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.builder()
                             .endpointOverride(java.net.URI.create(db.endpoint())).region(LocalClients.REGION)
                             .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                     software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                             .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                             .overrideConfiguration(c -> c.addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                                 @Override
                                 public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                                             software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                                     if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest) {
                                         describes.incrementAndGet();
                                     } else if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest) {
                                         reads.incrementAndGet();
                                     }
                                 }
                             })).build();
             StreamPoller poller = StreamPoller.ofRecords(counting, arn, records -> {
                 records.forEach(r -> seen.add(r.dynamodb().newImage().get("id").s()));
                 return null;
             }, 100).start("test-stream-storm", 30_000, 30_000)) {
            Thread.sleep(500); // the first pass is made
            int describesBefore = describes.get();
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                LocalDynamoDbTest.put(db.client(), "things", "storm-" + i);
                poller.wake(); // a wake per write, as DynamoDB Local's write listener gives
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (seen.size() < 100 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(100, seen.size(), "records handed over");
            int passes = reads.get(); // one GetRecords per pass: the table has one open shard
            // a pass per MIN_PASS_GAP_MILLIS at most (and some slack for the clock), however many wakes
            org.junit.jupiter.api.Assertions.assertTrue(passes <= tookMillis / StreamPoller.MIN_PASS_GAP_MILLIS + 3,
                    passes + " passes in " + tookMillis + " ms");
            // the shards were not described again per pass: once per 5 s of age at most (a loaded machine makes
            // these 100 writes last seconds), where a DescribeStream per pass would be one per GetRecords
            org.junit.jupiter.api.Assertions.assertTrue(describes.get() - describesBefore <= tookMillis / 5_000 + 1,
                    "DescribeStream calls during the storm: " + (describes.get() - describesBefore) + " for " + passes + " passes");
        }
    }
}
