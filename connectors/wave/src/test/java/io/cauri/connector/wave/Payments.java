package io.cauri.connector.wave;

import io.cauri.intent.Currency;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.provider.ProviderRequest;

import java.time.Instant;
import java.util.List;

/** Real domain values for the connector's tests: an intent in live mode and its stored attempt. */
final class Payments {

    private Payments() {
    }

    static Payment payment(String id, long amount, Currency currency, Instant at, String successUrl, String failedUrl) {
        return new Payment(id, "pi_" + id, at, at, PaymentStatus.PROCESSING, amount, currency, "mobile_money", "SN",
                "wave", "+221761110001", null, List.of(), null, null, null, successUrl, failedUrl);
    }

    static Payment payment(String id, long amount, Instant at) {
        return payment(id, amount, Currency.XOF, at, "https://shop.example/ok", "https://shop.example/ko");
    }

    static Payment withReference(Payment p, String reference) {
        return new Payment(p.id(), p.intentId(), p.createdAt(), p.updatedAt(), p.status(), p.amount(), p.currency(),
                p.method(), p.country(), p.provider(), p.number(), p.failure(), p.fees(), p.nextAction(), reference,
                p.gatewayId(), p.onSuccessRedirectionUrl(), p.onFailedRedirectionUrl());
    }

    static ProviderRequest request(Payment p) {
        PaymentIntent intent = PaymentIntent.open(p.intentId(), "mer_1", Mode.LIVE, p.createdAt(), "order-" + p.id(),
                "customer-1", p.amount(), p.currency(), null);
        return new ProviderRequest(intent, p, null);
    }
}
