package io.cauri.wire.hub2;

import io.cauri.id.Ids;
import io.cauri.refund.NewRefund;
import io.cauri.web.error.ApiException;
import io.cauri.web.json.Fields;
import io.cauri.web.json.JsonBody;

import java.util.Map;

/**
 * {@code POST /refunds} body in the HUB2 family's style: {@code paymentIntentId} (required), {@code paymentId}
 * (the intent's successful attempt; optional, checked against the intent by the domain), {@code amount} (minor
 * units; absent: what remains to refund), {@code reason}.
 */
public record Hub2RefundRequest(String paymentIntentId, String paymentId, Long amount, String reason) {

    public static Hub2RefundRequest parse(JsonBody body) {
        String intent = body.requiredString("paymentIntentId");
        if (!Ids.looksLike(Ids.INTENT, intent)) {
            throw ApiException.invalid("paymentIntentId", "paymentIntentId must be a payment intent id (pi_…).");
        }
        String payment = body.optionalString("paymentId").orElse(null);
        if (payment != null && !Ids.looksLike(Ids.PAYMENT, payment)) {
            throw ApiException.invalid("paymentId", "paymentId must be a payment id (pay_…).");
        }
        Long amount = body.has("amount") ? Fields.positiveAmount("amount", body.requiredInteger("amount")) : null;
        String reason = body.optionalString("reason").map(r -> Fields.refundReason("reason", r)).orElse(null);
        return new Hub2RefundRequest(intent, payment, amount, reason);
    }

    public NewRefund toNewRefund() {
        return new NewRefund(paymentIntentId, paymentId, amount, reason, Map.of());
    }
}
