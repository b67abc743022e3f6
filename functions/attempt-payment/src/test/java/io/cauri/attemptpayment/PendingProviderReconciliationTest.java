package io.cauri.attemptpayment;

import io.cauri.intent.Currency;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.ProviderAnswer;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.token.IntentTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A provider that accepted the attempt ({@code Pending}) and whose callback is late: at the end of the provider
 * window the payment's outcome is unknown, so it is reconciled, never failed. The provider is asked; while it
 * says pending the payment stays {@code processing} (the checks come back, and the sweep finds it and leaves it),
 * and once it says the payment succeeded, the next check settles it {@code successful}.
 */
class PendingProviderReconciliationTest {
    static final Duration WINDOW = Duration.ofSeconds(1);

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("test.provider", "pending",
                "cauri.payments.provider-window", WINDOW.toMillis() + "ms"));
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent stored(PaymentIntent intent) {
        return function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
    }

    @Test
    void aPaymentTheProviderStillReportsPendingStaysProcessingPastTheWindowUntilTheProviderDecides() throws Exception {
        PaymentIntent intent = function.context().getBean(IntentLifecycle.class).create(
                Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent("order-1", "cust-1", 1000, Currency.XOF, null));
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        Response response = function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\","
                        + "\"mobileMoney\":{\"msisdn\":\"00000001\"}}"));
        assertEquals(201, response.status(), response.body());
        assertEquals("processing", response.json().get("payments").get(0).get("status").asText());

        ProviderSaysGateway provider = function.context().getBean(ProviderSaysGateway.class);
        Thread.sleep(WINDOW.multipliedBy(3).plusMillis(500).toMillis()); // the first check (1 s) and the second (+1 s)
        assertTrue(provider.statusQueries.get() >= 2, "asked at the window's end, and again: " + provider.statusQueries);
        assertEquals(IntentStatus.PROCESSING, stored(intent).status(), "pending at the provider: not failed");
        assertEquals(PaymentStatus.PROCESSING, stored(intent).payments().get(0).status());

        PaymentOutcomes.SettlingSweep sweep = function.context().getBean(PaymentOutcomes.class).settleOverdue(WINDOW, 100);
        assertTrue(sweep.found() >= 1, "the sweep finds it: " + sweep);
        assertEquals(PaymentStatus.PROCESSING, stored(intent).payments().get(0).status(), "and leaves it pending");

        provider.status.set(new ProviderAnswer.Succeeded("prv_1"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        PaymentIntent settled = stored(intent);
        while (settled.status() == IntentStatus.PROCESSING && System.nanoTime() < deadline) {
            Thread.sleep(100);
            settled = stored(intent);
        }
        assertEquals(IntentStatus.SUCCESSFUL, settled.status(), "the next check applies the provider's final answer");
        assertEquals(PaymentStatus.SUCCESSFUL, settled.payments().get(0).status());
    }
}
