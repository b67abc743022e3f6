package io.cauri.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cauri.event.EventEnvelope;
import io.cauri.event.MoneyOutEvent;
import io.cauri.event.StatusEvent;
import io.cauri.time.Timestamps;
import io.cauri.wire.hub2.Hub2PaymentIntent;
import io.cauri.wire.hub2.Hub2Refund;
import io.cauri.wire.hub2.Hub2Transfer;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON of an event as merchants receive it (docs/CONTRACT.md §5): {@code {id, type, createdAt, mode, merchantId,
 * sequence, correlationId, data}}, {@code data} being the intent or the payment in the HUB2 representation, without the client token.
 * Written once by the stream publisher; every hop after it (SNS, SQS, the dispatcher, the delivery log)
 * carries these exact bytes, so what is signed is what was published. {@code sequence} orders one intent's
 * events (see {@link io.cauri.event.StatusEvents}).
 * <p>
 * Bounded on the way, complete at the end: an intent's event carries all its payments, so its size grows
 * with the intent, while an SNS message holds at most 256 KiB. The stream publisher therefore stores every
 * event in the delivery log first, and an event too large for the topic ({@link #INLINE_LIMIT}) travels as a
 * claim check ({@link #claimCheck}: the routing facts without {@code data}, a few hundred bytes); the
 * dispatcher reads the body from the log by id. Chosen over re-reading the intent by id, because the intent
 * may have changed since: the merchant must get the intent as this change left it, byte for byte what was
 * logged. Chosen over a trimmed body, because merchants' webhooks stay whole and as documented.
 */
public final class EventBodies {

    /** The field that marks a claim check (defined by the envelope, which parses it back). */
    public static final String CLAIM_CHECK = EventEnvelope.CLAIM_CHECK;
    /**
     * The largest body (UTF-8 bytes) published as is: SNS takes 262,144 bytes per message, attributes
     * included; the rest is margin.
     */
    public static final int INLINE_LIMIT = 200 * 1024;

    private EventBodies() {
    }

    /** The claim check of a logged event: its routing facts, {@code claimCheck: "log"}, no {@code data}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClaimCheck(String id, String type, String createdAt, String mode, String merchantId, Long sequence,
                             String intentId, String claimCheck, String correlationId) {
    }

    /** What goes on the topic for {@code event}: the event itself if small enough, else its claim check. */
    public static EventEnvelope forTopic(JsonMapper json, EventEnvelope event) {
        if (event.body().length() * 3L <= INLINE_LIMIT
                || event.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= INLINE_LIMIT) {
            return event;
        }
        ClaimCheck check = new ClaimCheck(event.id(), event.type().wire(), Timestamps.format(event.createdAt()),
                event.mode().wire(), event.merchantId(), event.sequence(), event.intentId(), "log",
                event.correlationId());
        try {
            return new EventEnvelope(event.id(), event.type(), event.merchantId(), event.mode(), event.intentId(),
                    event.createdAt(), json.writeValueAsString(check), event.sequence(), event.correlationId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the claim check of " + event.id(), e);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IntentEvent(String id, String type, String createdAt, String mode, String merchantId,
                              Long sequence, String correlationId, Hub2PaymentIntent data) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentEvent(String id, String type, String createdAt, String mode, String merchantId,
                               Long sequence, String correlationId, Hub2PaymentIntent.Hub2Payment data) {
    }

    /*
     * A transfer's or a refund's event carries it in {@code data} exactly as the HUB2 family's routes show it
     * (wire.hub2.Hub2Transfer, Hub2Refund): one shape per object, whoever reads it.
     */

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransferEvent(String id, String type, String createdAt, String mode, String merchantId,
                                Long sequence, String correlationId, Hub2Transfer data) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RefundEvent(String id, String type, String createdAt, String mode, String merchantId,
                              Long sequence, String correlationId, Hub2Refund data) {
    }

    /**
     * A refund's or a transfer's event in the envelope of every event ({@code {id, type, createdAt, mode, merchantId,
     * sequence, data}}); its ordering key (the envelope's {@code intentId}) is the refund's or transfer's id.
     */
    public static EventEnvelope envelope(JsonMapper json, MoneyOutEvent event) {
        return envelope(json, event, null);
    }

    /** With the id of what caused the change ({@code correlationId}, after {@code sequence}; omitted when null). */
    public static EventEnvelope envelope(JsonMapper json, MoneyOutEvent event, String correlationId) {
        String createdAt = Timestamps.format(event.createdAt());
        Object body = event.transfer() != null
                ? new TransferEvent(event.id(), event.type().wire(), createdAt, event.mode().wire(), event.merchantId(),
                        event.sequence(), correlationId, Hub2Transfer.of(event.transfer()))
                : new RefundEvent(event.id(), event.type().wire(), createdAt, event.mode().wire(), event.merchantId(),
                        event.sequence(), correlationId, Hub2Refund.of(event.refund()));
        try {
            return new EventEnvelope(event.id(), event.type(), event.merchantId(), event.mode(), event.objectId(),
                    event.createdAt(), json.writeValueAsString(body), event.sequence(), correlationId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + event.id(), e);
        }
    }

    public static EventEnvelope envelope(JsonMapper json, StatusEvent event) {
        return envelope(json, event, null);
    }

    /** With the id of what caused the change ({@code correlationId}, after {@code sequence}; omitted when null). */
    public static EventEnvelope envelope(JsonMapper json, StatusEvent event, String correlationId) {
        String createdAt = Timestamps.format(event.createdAt());
        Object body = event.payment() != null
                ? new PaymentEvent(event.id(), event.type().wire(), createdAt, event.mode().wire(), event.merchantId(),
                        event.sequence(), correlationId, Hub2PaymentIntent.Hub2Payment.of(event.payment()))
                : new IntentEvent(event.id(), event.type().wire(), createdAt, event.mode().wire(), event.merchantId(),
                        event.sequence(), correlationId, Hub2PaymentIntent.of(event.intent(), null));
        try {
            return new EventEnvelope(event.id(), event.type(), event.merchantId(), event.mode(), event.intentId(),
                    event.createdAt(), json.writeValueAsString(body), event.sequence(), correlationId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + event.id(), e);
        }
    }
}
