package io.cauri.wire.v1;

import io.cauri.intent.Currency;
import io.cauri.refund.NewRefund;
import io.cauri.transfer.Destination;
import io.cauri.transfer.NewTransfer;
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
    public static NewTransfer payout(JsonBody body) {
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
        return new NewTransfer(reference, amount, currency, description,
                new Destination(Destination.MOBILE_MONEY, country, recipient, msisdn, provider));
    }

    /**
     * {@code POST /api/v1/refunds}: {@code payment_intent} (required), {@code payment} (its successful payment;
     * default: the intent's), {@code amount} (default: what remains to refund, null here), {@code reason},
     * {@code metadata}.
     */
    public static NewRefund refund(JsonBody body) {
        String intent = body.requiredString("payment_intent");
        if (!io.cauri.id.Ids.looksLike(io.cauri.id.Ids.INTENT, intent)) {
            throw ApiException.invalid("payment_intent", "payment_intent must be a payment intent id (pi_…).");
        }
        String payment = body.optionalString("payment").orElse(null);
        if (payment != null && !io.cauri.id.Ids.looksLike(io.cauri.id.Ids.PAYMENT, payment)) {
            throw ApiException.invalid("payment", "payment must be a payment id (pay_…).");
        }
        Long amount = body.has("amount") ? Fields.positiveAmount("amount", body.requiredInteger("amount")) : null;
        String reason = body.optionalString("reason").map(r -> Fields.refundReason("reason", r)).orElse(null);
        Map<String, String> metadata = body.optionalStringMap("metadata").map(m -> V1Metadata.check(m, false))
                .orElse(Map.of());
        return new NewRefund(intent, payment, amount, reason, metadata);
    }
}
