package io.cauri.streampublisher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventPublisher;
import io.cauri.intent.PaymentIntent;
import io.cauri.metrics.BusinessMetrics;
import io.cauri.stream.IntentChangePublisher;
import io.cauri.stream.MoneyOutChangePublisher;
import io.cauri.stream.PoisonRecordException;
import io.cauri.event.StreamFailures;
import io.cauri.store.IntentStreamImages;
import io.cauri.store.LedgerStreamImages;
import io.cauri.webhook.WebhookRepository;
import io.cauri.webhook.WebhookSubscribers;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Lambda handler of the intents table's stream and of the ledger table's (two event source mappings, one
 * function: the same topic, delivery log and parking queue, the same rules): each record's status changes — an
 * intent's and its payments', a refund's, a transfer's — become events on the SNS topic, in stream order.
 * <p>
 * A batch in two steps: every record's events stored in the delivery log, in stream order (the log holds every
 * event before its announcement leaves: the dispatcher and the events feed rely on it), then all of them announced
 * together ({@link EventPublisher#publishAll}: PublishBatch requests of up to ten, in stream order) — a payment's
 * events cost one or two SNS requests instead of one each. On the first record that fails, in either step, the
 * handler reports that record's sequence number ({@code ReportBatchItemFailures}): Lambda delivers the batch
 * again from that record, so the records before it (logged and announced) are not published twice and the records
 * from it are not lost; events after a failed one that went out anyway go out again (at least once). Event ids
 * depend only on the record, so a record delivered again yields the same ids, and the log keeps the first copy.
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
    EventPublisher topic;

    @Inject
    StreamFailures failures;

    /** Read to say, per event, whether some webhook endpoint may want it (the dispatcher's queue gets only those). */
    @Inject
    WebhookRepository endpoints;

    /**
     * The batch's endpoint reads run together (one per merchant and mode of the batch, up to 8 at once) and are
     * waited for at most this long in all: past it, an event goes out unmarked and the dispatcher decides, so a slow
     * read delays a batch by this much at most. A read takes a few milliseconds.
     */
    static final Duration ENDPOINT_READS_WAIT = Duration.ofMillis(500);
    private static final ExecutorService ENDPOINT_READS = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "webhook-endpoint-reads");
        thread.setDaemon(true);
        return thread;
    });

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

    /** A record whose events are logged, waiting for their announcement; {@code published} runs once they are out. */
    private record Logged(DynamodbEvent.DynamodbStreamRecord record, String sequence, List<EventEnvelope> events,
                          Runnable published) {
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent batch) {
        List<Logged> logged = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
            String sequence = sequence(record);
            try {
                logged.add(log(record, sequence));
            } catch (PoisonRecordException poison) {
                if (!park(record, sequence, poison)) {
                    return resumeAt(announceOrFailedAt(logged), sequence);
                }
            } catch (RuntimeException e) {
                LOG.warn("stream record {} (sequence {}) not logged; the batch resumes there: {}",
                        record.getEventID(), sequence, e.toString());
                return resumeAt(announceOrFailedAt(logged), sequence);
            }
        }
        return resumeAt(announceOrFailedAt(logged), null);
    }

    /** The batch's answer: resume at the first record not published, the announcing step's first, else the logging step's. */
    private static StreamsEventResponse resumeAt(String announceFailure, String logFailure) {
        String first = announceFailure != null ? announceFailure : logFailure;
        return new StreamsEventResponse(first == null ? List.of()
                : List.of(new StreamsEventResponse.BatchItemFailure(first)));
    }

    /**
     * Announces the logged records' events in stream order; null when all went out, else the sequence number of
     * the first record with an event that may not have. A record whose event the topic refuses for what it is is
     * parked and the announcing goes on after it, as a record refused by the log is.
     */
    private String announceOrFailedAt(List<Logged> logged) {
        WebhookSubscribers subscribers = WebhookSubscribers.forBatch(endpoints,
                logged.stream().flatMap(l -> l.events().stream()).toList(), ENDPOINT_READS, ENDPOINT_READS_WAIT);
        int from = 0;
        while (from < logged.size()) {
            List<EventEnvelope> events = new ArrayList<>();
            List<Integer> owner = new ArrayList<>(); // the index in logged of each event's record
            for (int i = from; i < logged.size(); i++) {
                for (EventEnvelope event : logged.get(i).events()) {
                    events.add(publisher.forTopic(event));
                    owner.add(i);
                }
            }
            Optional<EventPublisher.Unpublished> failed = events.isEmpty() ? Optional.empty()
                    : topic.publishAll(events, subscribers::want);
            int failedRecord = failed.map(f -> owner.get(f.index())).orElse(logged.size());
            for (int i = from; i < failedRecord; i++) {
                logged.get(i).published().run();
            }
            if (failed.isEmpty()) {
                return null;
            }
            Logged bad = logged.get(failedRecord);
            RuntimeException failure = failed.get().failure();
            if (PoisonRecordException.isDeterministic(failure)) {
                if (!park(bad.record(), bad.sequence(), new PoisonRecordException(
                        "an event of stream record " + bad.record().getEventID() + " was refused: " + failure, failure))) {
                    return bad.sequence();
                }
                from = failedRecord + 1;
                continue;
            }
            LOG.warn("stream record {} (sequence {}) not published; the batch resumes there: {}",
                    bad.record().getEventID(), bad.sequence(), failure.toString());
            return bad.sequence();
        }
        return null;
    }

    /** Parks a record that can never be published; false if it could not be parked (then the batch resumes there). */
    private boolean park(DynamodbEvent.DynamodbStreamRecord record, String sequence, PoisonRecordException poison) {
        try {
            failures.park(new StreamFailures.Parked(record.getEventID(), sequence, record.getEventSourceARN(),
                    objectId(record), String.valueOf(poison.getCause())));
            LOG.error("stream record {} (sequence {}) can never be published: parked and skipped: {}",
                    record.getEventID(), sequence, String.valueOf(poison.getCause()));
            return true;
        } catch (RuntimeException parkFailed) {
            LOG.warn("stream record {} (sequence {}) could not be parked; the batch resumes there: {}",
                    record.getEventID(), sequence, parkFailed.toString());
            return false;
        }
    }

    private static String sequence(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
    }

    /**
     * One record of either stream, its events derived and logged: the intents table's (keyed on {@code id}) or the
     * ledger table's (keyed on {@code pk}, {@code sk}), whose journal and balance items announce nothing and are
     * passed over on their sort key alone, before any image is read (on AWS the event source mapping's filter
     * keeps them away; this holds without it).
     */
    private Logged log(DynamodbEvent.DynamodbStreamRecord record, String sequence) {
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
            List<EventEnvelope> events = publisher.logged(id, before, afterIntent, IntentStreamImages.correlationId(after));
            // counted once published: a failed record counts when it is published
            return new Logged(record, sequence, events, () -> metrics.intentChanged(before, afterIntent));
        }
        List<EventEnvelope> events = switch (LedgerStreamImages.kindOf(stream.getKeys().get("sk").getS())) {
            case TRANSFER -> {
                var after = StreamImages.toSdk(stream.getNewImage());
                yield moneyOut.logged(id, LedgerStreamImages.transfer(id, StreamImages.toSdk(stream.getOldImage())),
                        LedgerStreamImages.transfer(id, after), LedgerStreamImages.correlationId(after));
            }
            case REFUND -> {
                var after = StreamImages.toSdk(stream.getNewImage());
                yield moneyOut.logged(id, LedgerStreamImages.refund(id, StreamImages.toSdk(stream.getOldImage())),
                        LedgerStreamImages.refund(id, after), LedgerStreamImages.correlationId(after));
            }
            case OTHER -> List.of(); // a journal or balance item: the ledger's own bookkeeping, no event
        };
        return new Logged(record, sequence, events, () -> { });
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
