package io.cauri.streampublisher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.cauri.intent.PaymentIntent;
import io.cauri.metrics.BusinessMetrics;
import io.cauri.stream.IntentChangePublisher;
import io.cauri.stream.MoneyOutChangePublisher;
import io.cauri.stream.PoisonRecordException;
import io.cauri.event.StreamFailures;
import io.cauri.store.IntentStreamImages;
import io.cauri.store.LedgerStreamImages;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Lambda handler of the intents table's stream and of the ledger table's (two event source mappings, one
 * function: the same topic, delivery log and parking queue, the same rules): each record's status changes — an
 * intent's and its payments', a refund's, a transfer's — become events on the SNS topic, in stream order. On the first record that fails, the handler stops and reports that record's sequence
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
    MoneyOutChangePublisher moneyOut;

    @Inject
    StreamFailures failures;

    @Inject
    BusinessMetrics metrics;

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
                publish(record);
            } catch (PoisonRecordException poison) {
                try {
                    failures.park(new StreamFailures.Parked(record.getEventID(), sequence, record.getEventSourceARN(),
                            objectId(record), String.valueOf(poison.getCause())));
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

    /**
     * One record of either stream: the intents table's (keyed on {@code id}) or the ledger table's (keyed on
     * {@code pk}, {@code sk}), whose journal and balance items announce nothing and are passed over on their
     * sort key alone, before any image is read (on AWS the event source mapping's filter keeps them away; this
     * holds without it).
     */
    private void publish(DynamodbEvent.DynamodbStreamRecord record) {
        var stream = record.getDynamodb();
        String id = record.getEventID();
        if (stream == null) {
            throw new PoisonRecordException("stream record " + id + " has no data",
                    new IllegalArgumentException("a stream record without its dynamodb part"));
        }
        if (stream.getApproximateCreationDateTime() != null) {
            metrics.streamPublisherLag(stream.getApproximateCreationDateTime().toInstant(), Instant.now());
        }
        if (!LedgerStreamImages.isLedgerKey(stream.getKeys())) {
            var after = StreamImages.toSdk(stream.getNewImage());
            PaymentIntent before = IntentStreamImages.intent(id, StreamImages.toSdk(stream.getOldImage()));
            PaymentIntent afterIntent = IntentStreamImages.intent(id, after);
            publisher.publish(id, before, afterIntent, IntentStreamImages.correlationId(after));
            metrics.intentChanged(before, afterIntent); // after the publish: a failed record counts when it is published
            return;
        }
        switch (LedgerStreamImages.kindOf(stream.getKeys().get("sk").getS())) {
            case TRANSFER -> {
                var after = StreamImages.toSdk(stream.getNewImage());
                moneyOut.publish(id, LedgerStreamImages.transfer(id, StreamImages.toSdk(stream.getOldImage())),
                        LedgerStreamImages.transfer(id, after), LedgerStreamImages.correlationId(after));
            }
            case REFUND -> {
                var after = StreamImages.toSdk(stream.getNewImage());
                moneyOut.publish(id, LedgerStreamImages.refund(id, StreamImages.toSdk(stream.getOldImage())),
                        LedgerStreamImages.refund(id, after), LedgerStreamImages.correlationId(after));
            }
            case OTHER -> {
                // a journal or balance item: the ledger's own bookkeeping, no event
            }
        }
    }

    /** What the record is about, for the parked copy: the intent's id, or the refund's or transfer's. */
    private static String objectId(DynamodbEvent.DynamodbStreamRecord record) {
        var keys = record.getDynamodb() == null ? null : record.getDynamodb().getKeys();
        if (keys == null) {
            return null;
        }
        if (LedgerStreamImages.isLedgerKey(keys)) {
            return LedgerStreamImages.objectId(keys.get("sk").getS());
        }
        var id = keys.get("id");
        return id == null ? null : id.getS();
    }
}
