package io.cauri.providerevents;

import io.cauri.fee.FeeCalculator;
import io.cauri.connector.fedapay.FedaPayConfig;
import io.cauri.connector.fedapay.FedaPayWebhooks;
import io.cauri.provider.ProviderAnswer;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.cauri.web.json.JsonBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /providers/fedapay/events}: FedaPay's transaction webhooks, signed
 * {@code X-FEDAPAY-SIGNATURE: t=<unix seconds>,s=<hex>} with the "fedapay" connector's {@code webhookSecret}
 * (docs/PROVIDERS.md §5.1), verified by the connector's {@link FedaPayWebhooks}: a missing, forged or stale
 * signature is 401 and changes nothing.
 * <p>
 * The event names our payment in the transaction's {@code custom_metadata}; it is bound to a live payment the
 * "fedapay" connector took, whose provider reference is that transaction's id, for the payment's amount (and
 * currency, when the event shows it); anything else is 404 and changes nothing ({@link ConnectorEvents}).
 * <p>
 * Only an event that reports a final status ({@code transaction.approved}, {@code .declined}, {@code .canceled}…)
 * leads anywhere, and even then the transaction is read again through the connector and only that read's final
 * answer is applied, once — for the reasons {@link WaveEventsController} gives: the webhook secret alone must not
 * move money (docs/PROVIDERS.md §6.2), and a read is current where events may come late or out of order. An event
 * that reports nothing final ({@code transaction.created}) is acknowledged without a read.
 */
@Controller("/providers/fedapay/events")
public class FedaPayEventsController {
    static final String CONNECTOR = "fedapay";

    private final ConnectorEvents events;
    private final JsonMapper json;
    private final Clock clock;

    public FedaPayEventsController(ConnectorEvents events, JsonMapper json, Clock clock) {
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> event(HttpRequest<String> request) {
        String secret = events.webhookSecret(CONNECTOR);
        String body = request.getBody(String.class).orElse("");
        FedaPayWebhooks.Verification verification =
                new FedaPayWebhooks(secret, FedaPayConfig.DEFAULT_WEBHOOK_TOLERANCE, clock)
                        .verify(body, request.getHeaders().get(FedaPayWebhooks.HEADER));
        if (verification instanceof FedaPayWebhooks.Refused refused) {
            throw refusal(refused.reason());
        }
        FedaPayWebhooks.Event event = ((FedaPayWebhooks.Verified) verification).event();
        Optional<ProviderAnswer> said = event.answer();
        if (!(said.orElse(null) instanceof ProviderAnswer.Succeeded) && !(said.orElse(null) instanceof ProviderAnswer.Failed)) {
            return HttpResponse.noContent(); // created, pending, an unknown status: nothing final to check
        }
        String currency = currencyOf(body);
        ConnectorEvents.Bound bound = events.bind(CONNECTOR, event.paymentId(), "entity.custom_metadata",
                p -> String.valueOf(event.transactionId()).equals(p.providerReference())
                        && event.amount() == FeeCalculator.payerTotal(p.amount(), p.fees())
                        && (event.intentId() == null || event.intentId().equals(p.intentId()))
                        && (currency == null || currency.equals(p.currency().name())));
        return ConnectorEvents.answer(events.readNow(bound), "FedaPay");
    }

    /**
     * The transaction's {@code currency.iso} when the event carries it as an object; FedaPay's own transactions
     * may name the currency by id only, and the events API sends the entity as a JSON string: then null, and the
     * transaction id (ours, stored before the push) and the amount bind the event.
     */
    private String currencyOf(String body) {
        try {
            return JsonBody.parse(json, body).optionalObject("entity").flatMap(e -> e.optionalObject("currency"))
                    .flatMap(c -> c.optionalString("iso")).orElse(null);
        } catch (ApiException notAnObject) {
            return null;
        }
    }

    private static ApiException refusal(FedaPayWebhooks.Reason reason) {
        return switch (reason) {
            case MALFORMED_BODY -> ApiException.of(Refusal.INVALID_JSON,
                    "The event is not a FedaPay event with a transaction in entity.", null);
            case TIMESTAMP_OUTSIDE_TOLERANCE -> ApiException.unauthorized("The " + FedaPayWebhooks.HEADER
                    + " timestamp is more than " + FedaPayConfig.DEFAULT_WEBHOOK_TOLERANCE.toMinutes()
                    + " minutes from now.");
            case MISSING_HEADER, MALFORMED_HEADER, NO_SIGNATURE, SIGNATURE_MISMATCH -> ApiException.unauthorized(
                    "Missing or invalid " + FedaPayWebhooks.HEADER + " (expected t=<unix seconds>,s=<hex "
                            + "HMAC-SHA256 of \"<t>.<body>\" with the webhook secret>).");
        };
    }
}
