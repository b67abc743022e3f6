package io.cauri.attemptpayment;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.ProviderEvent;
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
 * A provider that times out: the attempt is stored, the client gets 201 with the payment {@code processing}
 * (not failed: the provider may have taken it), and the provider-events path settles it later — the provider's
 * own report if it comes within the window, else {@code timeout} when the window ends.
 */
class ProviderTimeoutTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("test.provider", "unanswering", "cauri.payments.provider-window", "1500ms"));
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent open() {
        return function.context().getBean(IntentLifecycle.class).create(Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent("order-1", "cust-1", 1000, Currency.XOF, null));
    }

    static Response attempt(PaymentIntent intent) {
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\","
                        + "\"mobileMoney\":{\"msisdn\":\"00000001\"}}"));
    }

    static PaymentIntent stored(PaymentIntent intent) {
        return function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
    }

    static PaymentIntent await(PaymentIntent intent, IntentStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        PaymentIntent current = stored(intent);
        while (current.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
            current = stored(intent);
        }
        assertEquals(status, current.status());
        return current;
    }

    @Test
    void aTimedOutProviderLeavesThePaymentProcessingUntilTheWindowEndsThenItFailsTimeout() throws Exception {
        PaymentIntent intent = open();
        Response response = attempt(intent);

        assertEquals(201, response.status(), response.body());
        JsonNode body = response.json();
        assertEquals("processing", body.get("status").asText());
        assertEquals("processing", body.get("payments").get(0).get("status").asText());
        assertTrue(body.get("lastPaymentFailure") == null || body.get("lastPaymentFailure").isNull(), response.body());
        assertEquals(IntentStatus.PROCESSING, stored(intent).status());
        assertTrue(function.context().getBean(UnansweringProviderGateway.class).calls.get() > 0);

        PaymentIntent settled = await(intent, IntentStatus.PAYMENT_REQUIRED);
        assertEquals(PaymentStatus.FAILED, settled.payments().get(0).status());
        assertEquals("timeout", settled.payments().get(0).failure().code().wire());
        assertEquals("timeout", settled.lastPaymentFailure().code().wire());
    }

    @Test
    void theProvidersLateReportSettlesItBeforeTheWindowEnds() throws Exception {
        PaymentIntent intent = open();
        assertEquals(201, attempt(intent).status());
        String paymentId = stored(intent).payments().get(0).id();
        assertEquals(PaymentStatus.PROCESSING, stored(intent).payments().get(0).status());

        // what the provider-events function applies when the provider's callback or status check arrives
        function.context().getBean(PaymentOutcomes.class).apply(ProviderEvent.succeeded(intent.id(), paymentId));
        assertEquals(IntentStatus.SUCCESSFUL, stored(intent).status());

        Thread.sleep(2000); // the window's timeout event comes, and changes nothing on a final payment
        assertEquals(IntentStatus.SUCCESSFUL, stored(intent).status());
        assertEquals(PaymentStatus.SUCCESSFUL, stored(intent).payments().get(0).status());
    }
}
