package io.cauri.wire.v1;

import io.cauri.intent.Currency;
import io.cauri.transfer.Destination;
import io.cauri.web.error.ApiException;
import io.cauri.web.json.Fields;
import io.cauri.web.json.JsonBody;

import java.util.Map;

/**
 * The v1 family's payout and refund bodies (docs/CONTRACT.md), checked here once. A payout's destination has the
 * shape of a v1 payment method's mobile money: {@code {type: "mobile_money", mobile_money: {country, operator,
 * msisdn, recipient_name}}}, with the same operator names.
 */
public final class V1MoneyOutRequests {

    private V1MoneyOutRequests() {
    }

    /** {@code POST /api/v1/payouts}. {@code reference} is optional here (Stripe has none); HUB2's charset. */
    public record Payout(String reference, long amount, Currency currency, String description, Destination destination) {
    }

    public static Payout payout(JsonBody body) {
        long amount = Fields.positiveAmount("amount", body.requiredInteger("amount"));
        Currency currency = Fields.currency("currency", body.requiredString("currency"));
        String description = body.optionalString("description")
                .map(d -> Fields.label("description", d, 255)).orElse(null);
        String reference = body.optionalString("reference").map(r -> Fields.reference("reference", r)).orElse(null);
        JsonBody to = body.optionalObject("destination").orElseThrow(() -> ApiException.missing("destination"));
        String type = to.requiredString("type");
        if (!Destination.MOBILE_MONEY.equals(type)) {
            throw ApiException.invalid(to.path("type"), to.path("type") + " must be mobile_money.");
        }
        JsonBody mm = to.optionalObject("mobile_money").orElseThrow(() -> ApiException.missing(to.path("mobile_money")));
        String country = Fields.country(mm.path("country"), mm.requiredString("country"));
        String operator = mm.requiredString("operator");
        String provider = V1Requests.providerOf(operator);
        if (provider == null) {
            throw ApiException.invalid(mm.path("operator"),
                    mm.path("operator") + " must be orange_money, wave, mtn, moov or free_money.");
        }
        String msisdn = Fields.msisdn(mm.path("msisdn"), mm.requiredString("msisdn"));
        String recipient = Fields.label(mm.path("recipient_name"), mm.requiredString("recipient_name"), 100);
        return new Payout(reference, amount, currency, description,
                new Destination(Destination.MOBILE_MONEY, country, recipient, msisdn, provider));
    }

    /**
     * {@code POST /api/v1/refunds}: {@code payment_intent} (required), {@code amount} (default: what remains to
     * refund, null here), {@code reason}, {@code metadata}.
     */
    public record NewRefund(String paymentIntent, Long amount, String reason, Map<String, String> metadata) {
    }

    public static NewRefund refund(JsonBody body) {
        String intent = body.requiredString("payment_intent");
        if (!io.cauri.id.Ids.looksLike(io.cauri.id.Ids.INTENT, intent)) {
            throw ApiException.invalid("payment_intent", "payment_intent must be a payment intent id (pi_…).");
        }
        Long amount = body.has("amount") ? Fields.positiveAmount("amount", body.requiredInteger("amount")) : null;
        String reason = body.optionalString("reason").map(r -> Fields.refundReason("reason", r)).orElse(null);
        Map<String, String> metadata = body.optionalStringMap("metadata").map(m -> V1Metadata.check(m, false))
                .orElse(Map.of());
        return new NewRefund(intent, amount, reason, metadata);
    }
}
