package io.cauri.localaws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What Lambda's event source mapping does for a DynamoDB stream, against DynamoDB Local: reads every shard of
 * the stream, in order within a shard, and hands batches of records to a handler — a Lambda stream consumer, as
 * the {@link DynamodbEvent} Lambda would send, or any code taking the SDK's records ({@link #ofRecords}). With
 * {@code ReportBatchItemFailures}, a batch answered with a failed sequence number is read again from that record,
 * as AWS does; records before it are not handed over again.
 * <p>
 * It starts at the stream's LATEST position: records written before it was created are not its concern (a
 * DynamoDB Local may be shared by many tests, or hold the data of an earlier run).
 */
public final class StreamPoller implements AutoCloseable {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    /** A batch of records → the sequence number to read again from, or null if all were handled. */
    private final Function<List<Record>, String> handler;
    private final int batchSize;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final List<String> finished = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;
    private int retries;
    /** Guards {@link #woken}: the background thread waits on it between passes, {@link #wake()} ends the wait. */
    private final Object idle = new Object();
    private boolean woken;
    /** How long the shards found are trusted without a DescribeStream, while none of them ends. */
    private static final long SHARDS_MAX_AGE_NANOS = 5_000_000_000L;
    private long describedAt;
    private boolean shardEnded;
    /**
     * The least time between the starts of two passes: a wake per write (hundreds a second under load) then costs
     * at most a pass every this many milliseconds, not passes back to back, and a record waits this long at most
     * for its pass (Lambda's stream polling: 4 a second per shard, then at once while records flow).
     */
    static final long MIN_PASS_GAP_MILLIS = 20;

    /** A Lambda stream consumer fed batches of at most {@code batchSize} records. */
    public StreamPoller(DynamoDbStreamsClient streams, String streamArn,
                        Function<DynamodbEvent, StreamsEventResponse> consumer, int batchSize) {
        this(streams, streamArn, batchSize, records -> firstFailure(consumer.apply(StreamEvents.dynamodb(streamArn, records))));
    }

    private StreamPoller(DynamoDbStreamsClient streams, String streamArn, int batchSize,
                         Function<List<Record>, String> handler) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.handler = handler;
        this.batchSize = batchSize;
        for (Shard shard : shards()) {
            if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
                iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.LATEST, null));
            } else {
                finished.add(shard.shardId());
            }
        }
        describedAt = System.nanoTime();
    }

    /**
     * A handler of the SDK's records: it returns the sequence number of the first record it could not handle
     * (read again from there), or null when it handled them all.
     */
    public static StreamPoller ofRecords(DynamoDbStreamsClient streams, String streamArn,
                                         Function<List<Record>, String> handler, int batchSize) {
        return new StreamPoller(streams, streamArn, batchSize, handler);
    }

    /** The latest stream of a table. */
    public static String streamArn(LocalDynamoDb db, String table) {
        return db.client().describeTable(r -> r.tableName(table)).table().latestStreamArn();
    }

    private static String firstFailure(StreamsEventResponse response) {
        return response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()
                ? null : response.getBatchItemFailures().get(0).getItemIdentifier();
    }

    /** One pass over every shard; returns how many records the handler accepted. */
    public synchronized int pollOnce() {
        long now = System.nanoTime();
        // A new shard opens only when one ends (its iterator runs out) or when the stream rolls its shards over
        // (hours on AWS): the shards are described again then, or after SHARDS_MAX_AGE, not on every pass, so
        // that a pass woken by every write costs one GetRecords per open shard
        if (iterators.isEmpty() || shardEnded || now - describedAt > SHARDS_MAX_AGE_NANOS) {
            for (Shard shard : shards()) { // shards opened since the last pass start at their beginning
                if (!iterators.containsKey(shard.shardId()) && !finished.contains(shard.shardId())) {
                    iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.TRIM_HORIZON, null));
                }
            }
            describedAt = now;
            shardEnded = false;
        }
        int accepted = 0;
        for (String shardId : new ArrayList<>(iterators.keySet())) {
            GetRecordsResponse page;
            try {
                String at = iterators.get(shardId);
                page = streams.getRecords(r -> r.shardIterator(at).limit(batchSize));
            } catch (TrimmedDataAccessException emptyShard) {
                // DynamoDB Local: a LATEST iterator on a shard that had no record yet reads "past the oldest
                // record". Nothing was written before us there, so the beginning is the right place; read it
                // in this same pass, so what was written since is handled now.
                String start = iterator(shardId, ShardIteratorType.TRIM_HORIZON, null);
                iterators.put(shardId, start);
                page = streams.getRecords(r -> r.shardIterator(start).limit(batchSize));
            }
            List<Record> records = page.records();
            if (records.isEmpty()) {
                advance(shardId, page.nextShardIterator());
                continue;
            }
            String failedAt = handler.apply(records);
            if (failedAt == null) {
                accepted += records.size();
                advance(shardId, page.nextShardIterator());
            } else {
                for (Record r : records) {
                    if (r.dynamodb().sequenceNumber().equals(failedAt)) {
                        break;
                    }
                    accepted++;
                }
                retries++;
                iterators.put(shardId, iterator(shardId, ShardIteratorType.AT_SEQUENCE_NUMBER, failedAt));
            }
        }
        return accepted;
    }

    /** How many batches were answered with a failure (and read again from it). */
    public synchronized int retries() {
        return retries;
    }

    /** Polls in the background every {@code intervalMillis}, like a running event source mapping. */
    public StreamPoller start(long intervalMillis) {
        return start("stream-poller", intervalMillis);
    }

    /** {@link #start(long)} on a thread of that name (which also prefixes its error lines on stderr). */
    public StreamPoller start(String threadName, long intervalMillis) {
        return start(threadName, intervalMillis, intervalMillis);
    }

    /**
     * Polls in the background on a thread of that name, every {@code busyMillis} while passes find records and
     * backing off up to {@code idleMillis} while they find none ({@link IdleBackoff}): an idle stream costs a
     * pass every {@code idleMillis}, not every {@code busyMillis}. {@link #wake()} starts a pass at once.
     */
    public StreamPoller start(String threadName, long busyMillis, long idleMillis) {
        IdleBackoff backoff = new IdleBackoff(busyMillis, idleMillis);
        running = true;
        thread = new Thread(() -> {
            while (running) {
                boolean foundWork = false;
                long passStarted = System.nanoTime();
                try {
                    foundWork = pollOnce() > 0;
                } catch (RuntimeException e) {
                    if (running) { // as AWS would: the same records are read again on a later pass
                        System.err.println(threadName + ": " + e);
                    }
                }
                try {
                    if (waitOrWake(backoff.next(foundWork))) {
                        backoff.reset();
                        long early = MIN_PASS_GAP_MILLIS - (System.nanoTime() - passStarted) / 1_000_000;
                        if (early > 0) {
                            Thread.sleep(early); // wakes meanwhile are kept (woken is set): one pass reads them all
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Ends the background thread's wait now and puts it back at the busy pace: its caller has just done something
     * that may have written to the table (local-api: DynamoDB Local answered a write, {@link LocalDynamoDb#onWrite}).
     * An idle poller can then wait long between passes and still hand over a new record at once; a wake during a
     * pass starts the next one as soon as it ends.
     */
    public void wake() {
        synchronized (idle) {
            woken = true;
            idle.notifyAll();
        }
    }

    /** Waits up to {@code millis}; true if {@link #wake()} ended the wait (or came since the last one). */
    private boolean waitOrWake(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (idle) {
            long left;
            while (!woken && (left = deadline - System.nanoTime()) > 0) {
                idle.wait(Math.max(1, left / 1_000_000));
            }
            boolean wasWoken = woken;
            woken = false;
            return wasWoken;
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void advance(String shardId, String next) {
        if (next == null) {
            iterators.remove(shardId);
            finished.add(shardId);
            shardEnded = true;
        } else {
            iterators.put(shardId, next);
        }
    }

    private List<Shard> shards() {
        return streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards();
    }

    private String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
        return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId).shardIteratorType(type)
                .sequenceNumber(sequenceNumber)).shardIterator();
    }

    @Override
    public String toString() {
        return "stream poller of " + streamArn;
    }
}
