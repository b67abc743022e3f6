package io.cauri.streampublisher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.cauri.stream.IntentChangePublisher;
import io.cauri.stream.PoisonRecordException;
import io.cauri.event.StreamFailures;
import io.cauri.store.IntentStreamImages;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Lambda handler of the intents table's stream: each record's status changes become events on the SNS topic,
 * in stream order. On the first record that fails, the handler stops and reports that record's sequence
 * number ({@code ReportBatchItemFailures}): Lambda delivers the batch again from that record, so the records
 * before it are not published twice and the records from it are not lost. Event ids depend only on the
 * record, so a record delivered again yields the same ids.
 * <p>
 * A record that can never be published ({@link PoisonRecordException}: images that do not map, an event
 * the topic or the log refuses for what it is) is parked in the stream-failures queue and skipped: retried,
 * it would hold its shard — every merchant's events behind it — for as long as Lambda retries. Only if it
 * cannot be parked is it reported failed (then it is retried, not lost).
 */
public class StreamPublisherHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPublisherHandler.class);

    @Inject
    IntentChangePublisher publisher;

    @Inject
    StreamFailures failures;

    /** What Lambda calls. */
    public StreamPublisherHandler() {
        super();
    }

    /** Tests: the same handler on a context they configure. */
    public StreamPublisherHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent batch) {
        for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
            String sequence = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
            try {
                var stream = record.getDynamodb();
                publisher.publish(record.getEventID(),
                        IntentStreamImages.intent(record.getEventID(), StreamImages.toSdk(stream.getOldImage())),
                        IntentStreamImages.intent(record.getEventID(), StreamImages.toSdk(stream.getNewImage())));
            } catch (PoisonRecordException poison) {
                try {
                    failures.park(new StreamFailures.Parked(record.getEventID(), sequence, record.getEventSourceARN(),
                            intentId(record), String.valueOf(poison.getCause())));
                    LOG.error("stream record {} (sequence {}) can never be published: parked and skipped: {}",
                            record.getEventID(), sequence, String.valueOf(poison.getCause()));
                } catch (RuntimeException parkFailed) {
                    LOG.warn("stream record {} (sequence {}) could not be parked; the batch resumes there: {}",
                            record.getEventID(), sequence, parkFailed.toString());
                    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequence)));
                }
            } catch (RuntimeException e) {
                LOG.warn("stream record {} (sequence {}) not published; the batch resumes there: {}",
                        record.getEventID(), sequence, e.toString());
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequence)));
            }
        }
        return new StreamsEventResponse(List.of());
    }

    private static String intentId(DynamodbEvent.DynamodbStreamRecord record) {
        var keys = record.getDynamodb() == null ? null : record.getDynamodb().getKeys();
        var id = keys == null ? null : keys.get("id");
        return id == null ? null : id.getS();
    }
}
