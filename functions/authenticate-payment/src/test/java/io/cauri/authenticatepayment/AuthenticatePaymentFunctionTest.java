package io.cauri.authenticatepayment;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentMethod;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.token.IntentTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** POST /payment-intents/{id}/authentication through the real handler, against DynamoDB Local. */
class AuthenticatePaymentFunctionTest {

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("cauri.sandbox.payer-delay", "300ms", "cauri.payments.provider-window", "1s"));
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    /** An intent whose orange attempt waits for the payer's OTP. */
    static PaymentIntent awaitingOtp(String msisdn) {
        Caller server = Caller.server(merchant.merchantId(), Mode.SANDBOX);
        PaymentIntent intent = function.context().getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent("order-1", "cust-1", 5000, Currency.XOF, null));
        PaymentIntent attempted = function.context().getBean(PaymentAttempts.class).attempt(server, intent.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "orange", msisdn, null, null, null), false);
        assertEquals("action_required", attempted.status().wire());
        return attempted;
    }

    static Response authenticate(PaymentIntent intent, String token, String code) {
        String body = "{\"token\":\"" + token + "\"" + (code == null ? "" : ",\"confirmationCode\":\"" + code + "\"") + "}";
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/authentication", body));
    }

    static String token(PaymentIntent intent) {
        return function.context().getBean(IntentTokens.class).issue(intent);
    }

    @Test
    void theRightOtpCompletesThePayment() {
        PaymentIntent intent = awaitingOtp("00000001");
        Response response = authenticate(intent, token(intent), "1234");
        assertEquals(201, response.status(), response.body());
        JsonNode body = response.json();
        assertEquals("successful", body.get("status").asText());
        assertFalse(body.has("nextAction"));
        assertEquals("successful", body.get("payments").get(0).get("status").asText());
    }

    /** HUB2's sandbox takes any 4-digit code, 0000 included. */
    @Test
    void code0000Authenticates() {
        PaymentIntent intent = awaitingOtp("00000001");
        Response response = authenticate(intent, token(intent), "0000");
        assertEquals(201, response.status(), response.body());
        assertEquals("successful", response.json().get("status").asText());
    }

    /** The failing OTP path is the documented sandbox number 00000006. */
    @Test
    void number00000006FailsAuthentication() {
        PaymentIntent intent = awaitingOtp("00000006");
        Response response = authenticate(intent, token(intent), "1234");
        assertEquals(201, response.status(), response.body());
        assertEquals("payment_required", response.json().get("status").asText());
        assertEquals("authentication_failed", response.json().get("lastPaymentFailure").get("code").asText());
        assertEquals("failed", response.json().get("payments").get(0).get("status").asText());
    }

    @Test
    void aRightOtpOnAnEmptyAccountFailsWithTheAccountsReason() {
        PaymentIntent intent = awaitingOtp("00000002");
        Response response = authenticate(intent, token(intent), "4321");
        assertEquals(201, response.status(), response.body());
        assertEquals("customer_insufficient_funds", response.json().get("lastPaymentFailure").get("code").asText());
    }

    @Test
    void authenticatingWhenNoOtpIsPendingIs409() throws InterruptedException {
        Caller server = Caller.server(merchant.merchantId(), Mode.SANDBOX);
        PaymentIntent fresh = function.context().getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent("order-2", "cust-1", 5000, Currency.XOF, null));
        assertEquals(409, authenticate(fresh, token(fresh), "1234").status());

        PaymentIntent ussd = function.context().getBean(PaymentAttempts.class).attempt(server, fresh.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "mtn", "00000004", null, null, null), false);
        assertEquals("ussd", ussd.nextAction().type().wire());
        Response response = authenticate(ussd, token(ussd), "1234");
        assertEquals(409, response.status(), response.body());
        assertEquals("invalid_state", response.json().get("code").asText());

        PaymentIntent done = awaitingOtp("00000001");
        assertEquals(201, authenticate(done, token(done), "1234").status());
        assertEquals(409, authenticate(done, token(done), "1234").status());
    }

    @Test
    void twentyConcurrentAuthenticationsHaveExactlyOneWinner() throws Exception {
        PaymentIntent intent = awaitingOtp("00000001");
        String token = token(intent);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return authenticate(intent, token, "1234").status();
            }));
        }
        go.countDown();
        int wins = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get();
            if (status == 201) {
                wins++;
            } else {
                assertEquals(409, status);
            }
        }
        pool.shutdown();
        assertEquals(1, wins);
        PaymentIntent stored = function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
        assertEquals("successful", stored.status().wire());
        assertEquals(1, stored.payments().size());
    }

    @Test
    void missingOrMalformedCodeIs400() {
        PaymentIntent intent = awaitingOtp("00000001");
        Response missing = authenticate(intent, token(intent), null);
        assertEquals(400, missing.status());
        assertEquals("confirmationCode", missing.json().get("param").asText());
        Response malformed = authenticate(intent, token(intent), "12 34");
        assertEquals(400, malformed.status());
        assertEquals("confirmationCode", malformed.json().get("param").asText());
    }

    @Test
    void aTokenOfAnotherIntentIs401() {
        PaymentIntent a = awaitingOtp("00000001");
        PaymentIntent b = awaitingOtp("00000001");
        Response response = authenticate(b, token(a), "1234");
        assertEquals(401, response.status());
        assertEquals("unauthorized", response.json().get("code").asText());
        assertEquals("action_required", function.context().getBean(IntentRepository.class).find(b.id()).orElseThrow()
                .status().wire());
    }
}
