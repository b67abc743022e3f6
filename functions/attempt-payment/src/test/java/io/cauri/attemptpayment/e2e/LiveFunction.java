package io.cauri.attemptpayment.e2e;

import io.cauri.intent.Currency;
import io.cauri.intent.FailureCode;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.token.IntentTokens;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The attempt-payment function's real handler on DynamoDB Local with live connectors (E2eConnectors) pointed at
 * simulators, and the real reconciliation (PaymentOutcomes with the in-process provider-event scheduler): what the
 * end-to-end tests drive. Live intents of a fresh merchant; waits are polls with deadlines, never fixed sleeps.
 */
final class LiveFunction implements AutoCloseable {
    /** The API's public base URL: its hosted checkout is a redirection URL a live attempt may send. */
    static final String PUBLIC_BASE = "https://pay.e2e.example";
    /** Generous for a loaded 2-core machine; a settled payment usually takes a few seconds. */
    static final Duration SETTLE_DEADLINE = Duration.ofSeconds(40);

    final LocalFunction function;
    final TestMerchants.Credentials merchant;

    LiveFunction(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("e2e.connectors.enabled", "true");
        all.put("cauri.sandbox.base-url", PUBLIC_BASE);
        this.function = new LocalFunction(all);
        this.merchant = TestMerchants.freshAllowingRepeatDebits(); // several live attempts with a simulator's outcome numbers
    }

    PaymentIntent liveIntent(long amount) {
        return function.context().getBean(IntentLifecycle.class).create(
                Caller.server(merchant.merchantId(), Mode.LIVE),
                new IntentLifecycle.NewIntent("order-e2e", "cust-e2e", amount, Currency.XOF, null));
    }

    /** A HUB2 mobile money attempt through the handler (POST /payment-intents/{id}/payments). */
    Response attempt(PaymentIntent intent, String country, String provider, String msisdn) {
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        String urls = "wave".equals(provider)
                ? ",\"onSuccessRedirectionUrl\":\"" + PUBLIC_BASE + "/checkout?intent=" + intent.id()
                + "\",\"onFailedRedirectionUrl\":\"" + PUBLIC_BASE + "/checkout?intent=" + intent.id() + "\"" : "";
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"" + country
                        + "\",\"provider\":\"" + provider + "\",\"mobileMoney\":{\"msisdn\":\"" + msisdn + "\"" + urls
                        + "}}"));
    }

    /** The attempt answered 201 with one payment; its id. */
    static String paymentId(Response response) {
        assertEquals(201, response.status(), response.body());
        return response.json().get("payments").get(0).get("id").asText();
    }

    Payment stored(String intentId, String paymentId) {
        return function.context().getBean(IntentRepository.class).find(intentId).orElseThrow()
                .payment(paymentId).orElseThrow();
    }

    /** The payment once {@code until} holds, polled until {@link #SETTLE_DEADLINE}; fails the test otherwise. */
    Payment await(String intentId, String paymentId, Predicate<Payment> until, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_DEADLINE.toNanos();
        Payment current = stored(intentId, paymentId);
        while (!until.test(current)) {
            if (System.nanoTime() > deadline) {
                fail(what + ": payment " + paymentId + " is still " + current.status() + " " + current.failure());
            }
            Thread.sleep(100);
            current = stored(intentId, paymentId);
        }
        return current;
    }

    Payment awaitFinal(String intentId, String paymentId) throws InterruptedException {
        return await(intentId, paymentId, p -> p.status().isFinal(), "never settled");
    }

    static void assertFailed(Payment payment, FailureCode code) {
        assertEquals(PaymentStatus.FAILED, payment.status(), String.valueOf(payment.failure()));
        assertEquals(code, payment.failure().code(), payment.failure().message());
        assertTrue(payment.failure().message() != null && !payment.failure().message().isBlank());
    }

    PaymentOutcomes outcomes() {
        return function.context().getBean(PaymentOutcomes.class);
    }

    @Override
    public void close() {
        function.close();
    }
}
