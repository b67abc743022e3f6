package io.cauri.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cauri.time.Timestamps;
import io.cauri.web.hub2.Hub2PaymentIntent;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON of an event as merchants receive it (API.md §5): {@code {id, type, createdAt, mode, merchantId,
 * data}}, {@code data} being the intent or the payment in the HUB2 representation, without the client token.
 * Written once by the stream publisher; every hop after it (SNS, SQS, the dispatcher, the delivery log)
 * carries these exact bytes, so what is signed is what was published.
 */
public final class EventBodies {

    private EventBodies() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IntentEvent(String id, String type, String createdAt, String mode, String merchantId,
                              Hub2PaymentIntent data) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentEvent(String id, String type, String createdAt, String mode, String merchantId,
                               Hub2PaymentIntent.Hub2Payment data) {
    }

    public static EventEnvelope envelope(JsonMapper json, StatusEvent event) {
        String createdAt = Timestamps.format(event.createdAt());
        Object body = event.payment() != null
                ? new PaymentEvent(event.id(), event.type().wire(), createdAt, event.mode().wire(), event.merchantId(),
                        Hub2PaymentIntent.Hub2Payment.of(event.payment()))
                : new IntentEvent(event.id(), event.type().wire(), createdAt, event.mode().wire(), event.merchantId(),
                        Hub2PaymentIntent.of(event.intent(), null));
        try {
            return new EventEnvelope(event.id(), event.type(), event.merchantId(), event.mode(), event.intentId(),
                    event.createdAt(), json.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + event.id(), e);
        }
    }
}
