package io.cauri.localapi;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
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
 * The DynamoDB stream event source mapping of template.yaml, on DynamoDB Local: reads every shard of the
 * intents table's stream from its LATEST position (what is written from now on) and hands each batch to a
 * handler — the stream publisher, as the {@link DynamodbEvent} Lambda would send ({@link #lambda}). A batch
 * answered with a failed sequence number ({@code ReportBatchItemFailures}) is read again from that record.
 */
final class StreamPump implements AutoCloseable {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    /** A batch of records → the sequence number to resume from, or null if all were handled. */
    private final Function<List<Record>, String> handler;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final List<String> finished = new ArrayList<>();
    private volatile boolean running = true;
    private final Thread thread;

    StreamPump(DynamoDbStreamsClient streams, String streamArn, Function<List<Record>, String> handler) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.handler = handler;
        for (Shard shard : shards()) {
            if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
                iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.LATEST, null));
            } else {
                finished.add(shard.shardId());
            }
        }
        thread = new Thread(this::run, "intents-stream");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("local-api: intents stream: " + e); // read again on the next pass
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pollOnce() {
        for (Shard shard : shards()) {
            if (!iterators.containsKey(shard.shardId()) && !finished.contains(shard.shardId())) {
                iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.TRIM_HORIZON, null));
            }
        }
        for (String shardId : new ArrayList<>(iterators.keySet())) {
            GetRecordsResponse page;
            try {
                String at = iterators.get(shardId);
                page = streams.getRecords(r -> r.shardIterator(at).limit(100));
            } catch (TrimmedDataAccessException emptyShard) {
                // DynamoDB Local: LATEST on a shard with no record yet reads "past the oldest record"
                iterators.put(shardId, iterator(shardId, ShardIteratorType.TRIM_HORIZON, null));
                continue;
            }
            if (page.records().isEmpty()) {
                advance(shardId, page.nextShardIterator());
                continue;
            }
            String failedAt = handler.apply(page.records());
            if (failedAt == null) {
                advance(shardId, page.nextShardIterator());
            } else {
                iterators.put(shardId, iterator(shardId, ShardIteratorType.AT_SEQUENCE_NUMBER, failedAt));
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

    /** A Lambda stream consumer as the handler: records as a {@link DynamodbEvent}, failures from its response. */
    static Function<List<Record>, String> lambda(String streamArn, Function<DynamodbEvent, StreamsEventResponse> consumer) {
        return records -> {
            StreamsEventResponse response = consumer.apply(event(streamArn, records));
            return response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()
                    ? null : response.getBatchItemFailures().get(0).getItemIdentifier();
        };
    }

    private static DynamodbEvent event(String streamArn, List<Record> records) {
        List<DynamodbEvent.DynamodbStreamRecord> converted = new ArrayList<>(records.size());
        for (Record r : records) {
            var sdk = r.dynamodb();
            StreamRecord stream = new StreamRecord()
                    .withSequenceNumber(sdk.sequenceNumber())
                    .withSizeBytes(sdk.sizeBytes())
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
            record.setEventSourceARN(streamArn);
            record.setDynamodb(stream);
            converted.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(converted);
        return event;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toLambda(
            Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, toLambda(v)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toLambda(AttributeValue v) {
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
            out.setL(v.l().stream().map(StreamPump::toLambda).toList());
        } else if (v.hasSs()) {
            out.setSS(v.ss());
        } else if (v.hasNs()) {
            out.setNS(v.ns());
        } else if (v.hasBs()) {
            out.setBS(v.bs().stream().map(b -> b.asByteBuffer()).toList());
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }

    @Override
    public String toString() {
        return "intents stream pump";
    }
}
