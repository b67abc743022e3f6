package io.cauri.providerevents;

import io.cauri.id.Ids;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentLocator;
import io.cauri.merchant.Mode;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.provider.ConnectorSettings;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the live connectors' event routes share ({@link WaveEventsController}, {@link FedaPayEventsController},
 * {@link MtnMomoEventsController}): the webhook secret from the connector's settings, the payment an event names
 * bound to the connector that took it, and the answer to a hint.
 * <p>
 * Binding: a connector's credentials (its webhook secret, or for MTN nothing at all) speak only for the live
 * payments that connector took ({@code gatewayId}). Any other payment — unknown, sandbox, another connector's —
 * is answered as if it did not exist (404, nothing read, nothing changed): otherwise one provider's secret could
 * settle another provider's payments, and an unsigned MTN hint could make us read any payment anywhere.
 */
@Singleton
class ConnectorEvents {
    private final ConnectorSettings settings;
    private final PaymentLocator locator;
    private final IntentRepository intents;
    private final PaymentOutcomes outcomes;

    ConnectorEvents(ConnectorSettings settings, PaymentLocator locator, IntentRepository intents,
                    PaymentOutcomes outcomes) {
        this.settings = settings;
        this.locator = locator;
        this.intents = intents;
        this.outcomes = outcomes;
    }

    /** A live payment, with the intent it was read in. */
    record Bound(PaymentIntent intent, Payment payment) {
    }

    /**
     * The connector's webhook secret; a deployment without one has no event route for that connector (404), as a
     * provider with no callback secret has no callback route.
     */
    String webhookSecret(String connector) {
        return settings.of(connector).map(s -> s.get("webhookSecret")).filter(s -> !s.isBlank())
                .orElseThrow(() -> ApiException.of(Refusal.NOT_FOUND, "No events for this provider.", null));
    }

    /**
     * The live payment {@code paymentId} of {@code connector} that also passes {@code matches} (the event's own
     * facts: provider reference, amount, currency), or 404 naming {@code param}.
     */
    Bound bind(String connector, String paymentId, String param, Predicate<Payment> matches) {
        return find(connector, paymentId).filter(b -> matches.test(b.payment()))
                .orElseThrow(() -> ApiException.of(Refusal.NOT_FOUND, "No payment " + bounded(paymentId) + ".", param));
    }

    private Optional<Bound> find(String connector, String paymentId) {
        if (!Ids.looksLike(Ids.PAYMENT, paymentId)) {
            return Optional.empty(); // not an id of ours: no lookup at all
        }
        Optional<PaymentIntent> intent = locator.intentOf(paymentId).flatMap(intents::find)
                .filter(i -> i.mode() == Mode.LIVE);
        return intent.flatMap(i -> i.payment(paymentId)).filter(p -> connector.equals(p.gatewayId()))
                .map(p -> new Bound(intent.get(), p));
    }

    /** One status read of the bound payment through its own connector ({@link PaymentOutcomes#readNow}). */
    PaymentOutcomes.Hint readNow(Bound bound) {
        return outcomes.readNow(bound.intent(), bound.payment().id());
    }

    /**
     * A verified webhook's answer: 204 when it is applied, or when there was nothing to apply (the payment had
     * ended, or the provider says it is still open); 503 when the provider could not be read, so a provider that
     * redelivers sends it again (nothing changed; the payment's own checks and the sweep still settle it).
     */
    static HttpResponse<?> answer(PaymentOutcomes.Hint hint, String provider) {
        if (hint.outcome() == PaymentOutcomes.HintOutcome.UNKNOWN) {
            throw ApiException.of(Refusal.SERVICE_UNAVAILABLE, provider + " could not be asked for the payment's "
                    + "status; nothing changed. Send the event again later.", null);
        }
        return HttpResponse.noContent();
    }

    /** An id from a request, for a message: never echoed at length. */
    static String bounded(String value) {
        if (value == null) {
            return "(none)";
        }
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
