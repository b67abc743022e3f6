package io.cauri.stream;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventPublisher;
import io.cauri.event.MoneyOutEvent;
import io.cauri.event.MoneyOutEvents;
import io.cauri.refund.Refund;
import io.cauri.transfer.Transfer;
import io.cauri.webhook.DeliveryLog;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.function.Supplier;

/**
 * The stream publisher's work for one stream record of the ledger table that is a refund or a transfer, once its
 * images are read as such (the adapter's part, {@code LedgerStreamImages}): the same path as an intent's changes
 * ({@link IntentChangePublisher}) — events derived by {@link MoneyOutEvents}, each logged in the delivery log,
 * then published, in order; a record that can never be published is a {@link PoisonRecordException}.
 */
@Singleton
@Requires(beans = EventPublisher.class)
public class MoneyOutChangePublisher {
    private final EventPublisher publisher;
    private final DeliveryLog log;
    private final JsonMapper json;

    public MoneyOutChangePublisher(EventPublisher publisher, DeliveryLog log, JsonMapper json) {
        this.publisher = publisher;
        this.log = log;
        this.json = json;
    }

    /** Publishes a transfer's change; a transfer is null when the record has no such image. */
    public List<EventEnvelope> publish(String recordId, Transfer before, Transfer after) {
        return publish(recordId, before, after, null);
    }

    /** The same, the events carrying {@code correlationId} (what caused the write; null if unknown). */
    public List<EventEnvelope> publish(String recordId, Transfer before, Transfer after, String correlationId) {
        return announce(recordId, () -> MoneyOutEvents.derive(recordId, before, after), correlationId);
    }

    /** Publishes a refund's change; a refund is null when the record has no such image. */
    public List<EventEnvelope> publish(String recordId, Refund before, Refund after) {
        return publish(recordId, before, after, null);
    }

    /** The same, the events carrying {@code correlationId} (what caused the write; null if unknown). */
    public List<EventEnvelope> publish(String recordId, Refund before, Refund after, String correlationId) {
        return announce(recordId, () -> MoneyOutEvents.derive(recordId, before, after), correlationId);
    }

    /**
     * A transfer's change logged and not announced: the first half of {@link #publish}, for a caller that announces
     * a whole stream batch's events together (as {@link IntentChangePublisher#logged}).
     */
    public List<EventEnvelope> logged(String recordId, Transfer before, Transfer after, String correlationId) {
        List<EventEnvelope> events = derive(recordId, () -> MoneyOutEvents.derive(recordId, before, after), correlationId);
        IntentChangePublisher.log(log, events);
        return events;
    }

    /** A refund's change logged and not announced (as the transfer's above). */
    public List<EventEnvelope> logged(String recordId, Refund before, Refund after, String correlationId) {
        List<EventEnvelope> events = derive(recordId, () -> MoneyOutEvents.derive(recordId, before, after), correlationId);
        IntentChangePublisher.log(log, events);
        return events;
    }

    private List<EventEnvelope> announce(String recordId, Supplier<List<MoneyOutEvent>> derive, String correlationId) {
        List<EventEnvelope> events = derive(recordId, derive, correlationId);
        IntentChangePublisher.announce(publisher, log, json, events);
        return events;
    }

    private List<EventEnvelope> derive(String recordId, Supplier<List<MoneyOutEvent>> derive, String correlationId) {
        try {
            return derive.get().stream().map(e -> EventBodies.envelope(json, e, correlationId)).toList();
        } catch (RuntimeException e) {
            throw new PoisonRecordException("stream record " + recordId + " yields no event", e);
        }
    }
}
