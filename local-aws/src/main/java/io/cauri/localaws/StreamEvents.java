package io.cauri.localaws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the SDK reads from a DynamoDB stream, as Lambda hands it to a function: the {@link DynamodbEvent} of
 * aws-lambda-java-events, whose attribute values are a model of their own.
 */
public final class StreamEvents {
    private StreamEvents() {
    }

    /** A batch of stream records as the DynamoDB stream event source mapping delivers it. */
    public static DynamodbEvent dynamodb(String streamArn, List<Record> records) {
        List<DynamodbEvent.DynamodbStreamRecord> converted = new ArrayList<>(records.size());
        for (Record r : records) {
            var sdk = r.dynamodb();
            StreamRecord stream = new StreamRecord()
                    .withSequenceNumber(sdk.sequenceNumber())
                    .withSizeBytes(sdk.sizeBytes())
                    .withStreamViewType(sdk.streamViewTypeAsString() == null ? null
                            : StreamViewType.fromValue(sdk.streamViewTypeAsString()))
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
            record.setAwsRegion(LocalClients.REGION.id());
            record.setEventSourceARN(streamArn);
            record.setDynamodb(stream);
            converted.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(converted);
        return event;
    }

    /** An item or image in Lambda's attribute model; null stays null. */
    public static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toLambda(
            Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, toLambda(v)));
        return out;
    }

    public static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toLambda(AttributeValue v) {
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
            out.setL(v.l().stream().map(StreamEvents::toLambda).toList());
        } else if (v.hasSs()) {
            out.setSS(v.ss());
        } else if (v.hasNs()) {
            out.setNS(v.ns());
        } else if (v.hasBs()) {
            out.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
        }
        return out;
    }
}
