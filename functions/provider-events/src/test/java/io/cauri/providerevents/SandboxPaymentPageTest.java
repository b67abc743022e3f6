package io.cauri.providerevents;

import io.cauri.intent.Currency;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentIntentService;
import io.cauri.intent.PaymentService;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentMethod;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox redirection page (wave, card) through the real API handler, against DynamoDB Local. */
class SandboxPaymentPageTest {

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("cauri.sandbox.provider-window", "10m"));
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent redirected(Mode mode, String msisdn, String successUrl) {
        Caller server = Caller.server(merchant.merchantId(), mode);
        PaymentIntent intent = function.context().getBean(PaymentIntentService.class).create(server,
                new PaymentIntentService.NewIntent("order-1", "cust-1", 1500, Currency.XOF, "Boutique <Awa>"));
        return function.context().getBean(PaymentService.class).attempt(server, intent.id(),
                new PaymentService.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "wave", msisdn, null, successUrl, null), false);
    }

    static String page(PaymentIntent intent) {
        return "/sandbox/payments/" + intent.payments().get(0).id();
    }

    @Test
    void thePageShowsTheAmountTheMerchantAndTheChoices() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", null);
        Response response = function.handle(ApiGatewayEvents.get(page(intent)));
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("text/html"));
        assertTrue(response.body().contains("1500 XOF"), response.body());
        assertTrue(response.body().contains("Boutique &lt;Awa&gt;"), response.body());
        assertFalse(response.body().contains("<Awa>"));
        assertTrue(response.body().contains("id=\"approve\"") && response.body().contains("id=\"decline\""));
    }

    @Test
    void approvingPaysAndSendsThePayerToTheMerchantsSuccessUrl() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", "https://shop.example/merci");
        Response response = function.handle(ApiGatewayEvents.request("POST", page(intent) + "/approve"));
        assertEquals(303, response.status(), response.body());
        assertEquals("https://shop.example/merci", response.header("Location"));
        assertEquals(IntentStatus.SUCCESSFUL, function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().status());
        Response after = function.handle(ApiGatewayEvents.get(page(intent)));
        assertTrue(after.body().contains("successful"));
        assertFalse(after.body().contains("id=\"approve\""));
    }

    @Test
    void approvingWithAnEmptyAccountFailsWithThatReason() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000002", null);
        assertEquals(303, function.handle(ApiGatewayEvents.request("POST", page(intent) + "/approve")).status());
        PaymentIntent stored = function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
        assertEquals("customer_insufficient_funds", stored.lastPaymentFailure().code().wire());
    }

    @Test
    void decliningFailsAsCanceledByCustomer() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", null);
        Response response = function.handle(ApiGatewayEvents.request("POST", page(intent) + "/decline"));
        assertEquals(303, response.status());
        assertEquals(page(intent), response.header("Location"));
        PaymentIntent stored = function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
        assertEquals(IntentStatus.PAYMENT_REQUIRED, stored.status());
        assertEquals("canceled_by_customer", stored.lastPaymentFailure().code().wire());
    }

    @Test
    void unknownPaymentsHaveNoPage() {
        assertEquals(404, function.handle(ApiGatewayEvents.get("/sandbox/payments/pay_unknown")).status());
        assertEquals(404, function.handle(ApiGatewayEvents.get("/sandbox/payments/pay_000000000000000000000")).status());
        assertEquals(404, function.handle(ApiGatewayEvents.request("POST", "/sandbox/payments/pay_000000000000000000000/approve")).status());
    }

    @Test
    void liveAttemptsAreRefusedUntilALiveProviderIsConnected() {
        org.junit.jupiter.api.Assertions.assertThrows(io.cauri.intent.InvalidPaymentException.class,
                () -> redirected(Mode.LIVE, "00000001", null));
    }
}
