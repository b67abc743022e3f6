package io.cauri.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What Lambda's event source mapping does for a DynamoDB stream, against DynamoDB Local: reads every shard
 * of the table's stream and hands batches of records, as a {@link DynamodbEvent}, to a handler (the real
 * stream-publisher handler). With {@code ReportBatchItemFailures}, a batch answered with a failed sequence
 * number is read again from that record, as AWS does; records before it are not handed over again.
 * <p>
 * It starts at the stream's LATEST position: records written before it was created are not its concern
 * (the DynamoDB Local of a test JVM is shared by every test).
 */
public final class StreamPoller implements AutoCloseable {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Function<DynamodbEvent, StreamsEventResponse> handler;
    private final int batchSize;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final List<String> finished = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;
    private int retries;

    public StreamPoller(DynamoDbStreamsClient streams, String streamArn,
                        Function<DynamodbEvent, StreamsEventResponse> handler, int batchSize) {
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
    }

    /** The stream of a table on the shared DynamoDB Local. */
    public static StreamPoller forTable(String table, Function<DynamodbEvent, StreamsEventResponse> handler, int batchSize) {
        DynamoDbLocal db = DynamoDbLocal.shared();
        String arn = db.client().describeTable(r -> r.tableName(table)).table().latestStreamArn();
        return new StreamPoller(db.streamsClient(), arn, handler, batchSize);
    }

    /** One pass over every shard; returns how many records the handler accepted. */
    public synchronized int pollOnce() {
        for (Shard shard : shards()) { // shards opened since the last pass start at their beginning
            if (!iterators.containsKey(shard.shardId()) && !finished.contains(shard.shardId())) {
                iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.TRIM_HORIZON, null));
            }
        }
        int accepted = 0;
        for (String shardId : new ArrayList<>(iterators.keySet())) {
            software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse page;
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
            StreamsEventResponse response = handler.apply(event(records));
            List<StreamsEventResponse.BatchItemFailure> failures =
                    response == null || response.getBatchItemFailures() == null ? List.of() : response.getBatchItemFailures();
            if (failures.isEmpty()) {
                accepted += records.size();
                advance(shardId, page.nextShardIterator());
            } else {
                String failedAt = failures.get(0).getItemIdentifier();
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
        running = true;
        thread = new Thread(() -> {
            while (running) {
                try {
                    pollOnce();
                } catch (RuntimeException e) {
                    // as AWS would: the same records are read again on the next pass
                    System.err.println("stream-poller: " + e);
                }
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stream-poller");
        thread.setDaemon(true);
        thread.start();
        return this;
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

    /** The batch as Lambda delivers it. */
    public DynamodbEvent event(List<Record> records) {
        List<DynamodbEvent.DynamodbStreamRecord> converted = new ArrayList<>(records.size());
        for (Record r : records) {
            var sdk = r.dynamodb();
            StreamRecord stream = new StreamRecord()
                    .withSequenceNumber(sdk.sequenceNumber())
                    .withSizeBytes(sdk.sizeBytes())
                    .withStreamViewType(sdk.streamViewTypeAsString() == null ? null
                            : com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(sdk.streamViewTypeAsString()))
                    .withKeys(toLambda(sdk.keys()))
                    .withNewImage(sdk.hasNewImage() ? toLambda(sdk.newImage()) : null)
                    .withOldImage(sdk.hasOldImage() ? toLambda(sdk.oldImage()) : null);
            if (sdk.approximateCreationDateTime() != null) {
                stream.setApproximateCreationDateTime(Date.from(sdk.approximateCreationDateTime()));
            }
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(r.eventID());
            record.setEventName(r.eventNameAsString());
            record.setEventVersion(r.eventVersion());
            record.setEventSource("aws:dynamodb");
            record.setAwsRegion("us-east-1");
            record.setEventSourceARN(streamArn);
            record.setDynamodb(stream);
            converted.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(converted);
        return event;
    }

    static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toLambda(
            Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, toLambda(v)));
        return out;
    }

    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toLambda(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) {
            out.setS(v.s());
        } else if (v.n() != null) {
            out.setN(v.n());
        } else if (v.b() != null) {
            out.setB(v.b().asByteBuffer());
        } else if (v.bool() != null) {
            out.setBOOL(v.bool());
        } else if (Boolean.TRUE.equals(v.nul())) {
            out.setNULL(true);
        } else if (v.hasM()) {
            out.setM(toLambda(v.m()));
        } else if (v.hasL()) {
            out.setL(v.l().stream().map(StreamPoller::toLambda).toList());
        } else if (v.hasSs()) {
            out.setSS(v.ss());
        } else if (v.hasNs()) {
            out.setNS(v.ns());
        } else if (v.hasBs()) {
            out.setBS(v.bs().stream().map(b -> b.asByteBuffer()).toList());
        }
        return out;
    }
}
