package io.cauri.providerevents;

import io.cauri.fee.FeeCalculator;
import io.cauri.connector.wave.WaveWebhooks;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.cauri.web.json.JsonBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /providers/wave/events}: Wave's webhooks ({@code checkout.session.completed},
 * {@code checkout.session.payment_failed}), signed {@code Wave-Signature: t=…,v1=…[,v1=…]} with the "wave"
 * connector's {@code webhookSecret} (docs/PROVIDERS.md §2.5), verified by the connector's {@link WaveWebhooks}:
 * a missing, forged or stale signature is 401 and changes nothing.
 * <p>
 * The event names our payment by the session's {@code client_reference}. It is bound to a live payment the "wave"
 * connector took, whose provider reference (the session id) it must name when the payment has one, for the
 * payment's amount in XOF; anything else is 404 and changes nothing ({@link ConnectorEvents}).
 * <p>
 * The event's outcome is not applied as such: the session is read again through the connector, and only that
 * read's final answer is applied (once: a payment that has ended is neither read nor changed again). Why re-read
 * an event whose signature is valid: (1) the webhook secret is a credential apart from the API key, stored and
 * rotated on its own; a leaked webhook secret alone must not be able to mark a payment paid (docs/PROVIDERS.md
 * §6.2: re-read before a money-moving transition, even for signed callbacks); (2) {@code payment_failed} does not
 * end a session — while it is {@code open} the payer may try again in the app (§2.6) — so only the session says
 * whether the payment is over; (3) events may arrive late or out of order, a read is always current. The cost is
 * one read per authentic event, and only Wave can produce those.
 */
@Controller("/providers/wave/events")
public class WaveEventsController {
    static final String CONNECTOR = "wave";
    static final String SIGNATURE = "Wave-Signature";

    private final ConnectorEvents events;
    private final JsonMapper json;
    private final Clock clock;

    public WaveEventsController(ConnectorEvents events, JsonMapper json, Clock clock) {
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> event(HttpRequest<String> request) {
        String secret = events.webhookSecret(CONNECTOR);
        String body = request.getBody(String.class).orElse("");
        WaveWebhooks.Verification verification = new WaveWebhooks(secret, WaveWebhooks.DEFAULT_TOLERANCE, clock)
                .verify(request.getHeaders().get(SIGNATURE), body.getBytes(StandardCharsets.UTF_8));
        if (verification instanceof WaveWebhooks.Refused refused) {
            throw refusal(refused.reason());
        }
        WaveWebhooks.WaveEvent event = ((WaveWebhooks.Verified) verification).event();
        if (!event.isCheckoutCompleted() && !event.isCheckoutPaymentFailed()) {
            return HttpResponse.noContent(); // another subscription of the merchant account: nothing of a payment
        }
        Optional<JsonBody> session = JsonBody.parse(json, body).optionalObject("data");
        String amount = session.flatMap(s -> s.optionalString("amount")).orElse(null);
        String currency = session.flatMap(s -> s.optionalString("currency")).orElse(null);
        ConnectorEvents.Bound bound = events.bind(CONNECTOR, event.clientReference(), "data.client_reference",
                p -> (p.providerReference() == null || p.providerReference().equals(event.sessionId()))
                        // XOF has no minor unit: Wave's "2500" is 2500 minor units
                        && Long.toString(FeeCalculator.payerTotal(p.amount(), p.fees())).equals(amount) && p.currency().name().equals(currency));
        return ConnectorEvents.answer(events.readNow(bound), "Wave");
    }

    private static ApiException refusal(WaveWebhooks.Reason reason) {
        return switch (reason) {
            case MALFORMED_BODY -> ApiException.of(Refusal.INVALID_JSON,
                    "The event is not a Wave event object with a checkout session in data.", null);
            case TIMESTAMP_OUT_OF_TOLERANCE -> ApiException.unauthorized("The " + SIGNATURE + " timestamp is more "
                    + "than " + WaveWebhooks.DEFAULT_TOLERANCE.toMinutes() + " minutes from now.");
            case MISSING_SIGNATURE, MALFORMED_SIGNATURE, SIGNATURE_MISMATCH -> ApiException.unauthorized(
                    "Missing or invalid " + SIGNATURE + " (expected t=<unix seconds>,v1=<hex HMAC-SHA256 of "
                            + "t + body with the webhook secret>).");
        };
    }
}
