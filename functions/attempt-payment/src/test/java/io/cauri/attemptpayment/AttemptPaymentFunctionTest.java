package io.cauri.attemptpayment;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.intent.Fee;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.payment.PaymentAttempts;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentMethod;
import io.cauri.sandbox.SandboxProviderGateway;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.token.IntentTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /payment-intents/{id}/payments (and /sync) through the real handler, against DynamoDB Local, with
 * the sandbox provider; later outcomes (payer answers, windows closing) arrive through the in-process
 * delayed queue, with the sandbox's delays shortened.
 */
class AttemptPaymentFunctionTest {

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of(
                "cauri.sandbox.payer-delay", "300ms",
                "cauri.sandbox.otp-window", "1500ms",
                "cauri.payments.provider-window", "1500ms"));
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent open(long amount, Currency currency) {
        return function.context().getBean(IntentLifecycle.class).create(
                Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent("order-1", "cust-1", amount, currency, null));
    }

    static String token(PaymentIntent intent) {
        return function.context().getBean(IntentTokens.class).issue(intent);
    }

    static String body(PaymentIntent intent, String country, String provider, String msisdn, String otp) {
        return "{\"token\":\"" + token(intent) + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"" + country
                + "\",\"provider\":\"" + provider + "\",\"mobileMoney\":{\"msisdn\":\"" + msisdn + "\""
                + (otp == null ? "" : ",\"otp\":\"" + otp + "\"") + "}}";
    }

    static Response attempt(PaymentIntent intent, String body) {
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments", body));
    }

    static Response attemptSync(PaymentIntent intent, String body) {
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments/sync", body));
    }

    static PaymentIntent await(PaymentIntent intent, IntentStatus status) throws InterruptedException {
        IntentRepository repository = function.context().getBean(IntentRepository.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        PaymentIntent current = repository.find(intent.id()).orElseThrow();
        while (current.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
            current = repository.find(intent.id()).orElseThrow();
        }
        assertEquals(status, current.status(), "intent " + intent.id() + " never reached " + status);
        return current;
    }

    @Test
    void ussdAttemptWaitsForThePayerThenSucceeds() throws InterruptedException {
        PaymentIntent intent = open(1000, Currency.XOF);
        Response response = attempt(intent, body(intent, "CI", "mtn", "00000001", null));

        assertEquals(201, response.status(), response.body());
        JsonNode body = response.json();
        assertEquals("action_required", body.get("status").asText());
        assertEquals("ussd", body.get("nextAction").get("type").asText());
        assertFalse(body.get("nextAction").get("message").asText().isBlank());
        JsonNode payment = body.get("payments").get(0);
        assertTrue(payment.get("id").asText().matches("pay_[A-Za-z0-9_-]{21}"));
        assertEquals(intent.id(), payment.get("intentId").asText());
        assertEquals("action_required", payment.get("status").asText());
        assertEquals(1000, payment.get("amount").asLong());
        assertEquals("XOF", payment.get("currency").asText());
        assertEquals("mobile_money", payment.get("method").asText());
        assertEquals("CI", payment.get("country").asText());
        assertEquals("mtn", payment.get("provider").asText());
        assertEquals("00000001", payment.get("number").asText());
        assertEquals("ussd", payment.get("nextAction").get("type").asText());
        assertTrue(payment.get("fees").isArray());

        PaymentIntent done = await(intent, IntentStatus.SUCCESSFUL);
        assertEquals("SUCCESSFUL", done.payments().get(0).status().name());
        assertEquals(null, done.nextAction());
    }

    @Test
    void feesOnThePaymentEqualTheFeesRoute() {
        PaymentIntent intent = open(1001, Currency.XOF);
        JsonNode payment = attempt(intent, body(intent, "SN", "free", "00000001", null)).json().get("payments").get(0);
        List<Fee> quoted = function.context().getBean(PaymentAttempts.class)
                .fees(Caller.server(merchant.merchantId(), Mode.SANDBOX), intent.id(), PaymentMethod.MOBILE_MONEY, "SN", "free");
        assertEquals(quoted.size(), payment.get("fees").size());
        for (int i = 0; i < quoted.size(); i++) {
            assertEquals(quoted.get(i).amount(), payment.get("fees").get(i).get("amount").asLong());
            assertEquals(quoted.get(i).label(), payment.get("fees").get(i).get("label").asText());
            assertEquals(quoted.get(i).rateType().wire(), payment.get("fees").get(i).get("rateType").asText());
        }
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource({"00000002,customer_insufficient_funds", "00000003,customer_account_locked",
            "00000005,service_unavailable", "00000004,timeout"})
    void ussdFailuresComeBackAsTheIntentsLastFailure(String msisdn, String code) throws InterruptedException {
        PaymentIntent intent = open(1000, Currency.XOF);
        assertEquals(201, attempt(intent, body(intent, "CI", "moov", msisdn, null)).status());
        PaymentIntent failed = await(intent, IntentStatus.PAYMENT_REQUIRED);
        assertEquals(code, failed.lastPaymentFailure().code().wire());
        assertEquals("FAILED", failed.payments().get(0).status().name());
        assertEquals(code, failed.payments().get(0).failure().code().wire());
    }

    @Test
    void unknownSandboxNumberFailsAtOnceAndAnotherAttemptIsAllowed() throws InterruptedException {
        PaymentIntent intent = open(1000, Currency.XOF);
        Response first = attempt(intent, body(intent, "CI", "mtn", "0700000000", null));
        assertEquals(201, first.status(), first.body());
        assertEquals("payment_required", first.json().get("status").asText());
        assertEquals("invalid_sandbox_msisdn", first.json().get("lastPaymentFailure").get("code").asText());
        assertEquals("failed", first.json().get("payments").get(0).get("status").asText());

        Response second = attempt(intent, body(intent, "CI", "mtn", "00000001", null));
        assertEquals(201, second.status(), second.body());
        assertEquals(2, second.json().get("payments").size());
        await(intent, IntentStatus.SUCCESSFUL);
    }

    @Test
    void orangeAsksForAnOtp() throws InterruptedException {
        PaymentIntent intent = open(1000, Currency.XOF);
        Response response = attempt(intent, body(intent, "CI", "orange", "00000001", null));
        assertEquals(201, response.status(), response.body());
        assertEquals("action_required", response.json().get("status").asText());
        assertEquals("otp", response.json().get("nextAction").get("type").asText());

        PaymentIntent paid = function.context().getBean(PaymentAttempts.class)
                .authenticate(Caller.client(merchant.merchantId(), Mode.SANDBOX, intent.id()), intent.id(), "1234");
        assertEquals(IntentStatus.SUCCESSFUL, paid.status());
    }

    @Test
    void anOtpGivenUpFrontSkipsTheStep() {
        PaymentIntent intent = open(1000, Currency.XOF);
        Response response = attempt(intent, body(intent, "CI", "orange", "00000001", "1234"));
        assertEquals(201, response.status(), response.body());
        assertEquals("successful", response.json().get("status").asText());
        assertEquals("successful", response.json().get("payments").get(0).get("status").asText());
    }

    @Test
    void anUnansweredOtpTimesOut() throws InterruptedException {
        PaymentIntent intent = open(1000, Currency.XOF);
        attempt(intent, body(intent, "CI", "orange", "00000001", null));
        assertEquals("authentication_timeout", await(intent, IntentStatus.PAYMENT_REQUIRED).lastPaymentFailure().code().wire());
    }

    @Test
    void waveRedirectsToTheSandboxPageThenApprovalSucceeds() throws InterruptedException {
        PaymentIntent intent = open(1000, Currency.XOF);
        Response response = attempt(intent, body(intent, "CI", "wave", "00000001", null));
        assertEquals(201, response.status(), response.body());
        JsonNode action = response.json().get("nextAction");
        assertEquals("redirection", action.get("type").asText());
        String paymentId = response.json().get("payments").get(0).get("id").asText();
        assertTrue(action.get("data").get("url").asText().endsWith("/sandbox/payments/" + paymentId),
                action.toString());
        // HUB2 documents nextAction.data.method in lowercase, on the intent and on its payment
        assertEquals("get", action.get("data").get("method").asText(), action.toString());
        assertEquals("get", response.json().get("payments").get(0).get("nextAction").get("data").get("method").asText());

        PaymentIntent stored = function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
        var gateway = function.context().getBean(SandboxProviderGateway.class);
        function.context().getBean(PaymentOutcomes.class).apply(gateway.approval(stored.payments().get(0)).orElseThrow());
        assertEquals(IntentStatus.SUCCESSFUL, await(intent, IntentStatus.SUCCESSFUL).status());
    }

    @Test
    void waveDeclineFailsAsCanceledByCustomer() throws InterruptedException {
        PaymentIntent intent = open(1000, Currency.XOF);
        attempt(intent, body(intent, "CI", "wave", "00000001", null));
        PaymentIntent stored = function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
        var gateway = function.context().getBean(SandboxProviderGateway.class);
        function.context().getBean(PaymentOutcomes.class).apply(gateway.decline(stored.payments().get(0)));
        assertEquals("canceled_by_customer", await(intent, IntentStatus.PAYMENT_REQUIRED).lastPaymentFailure().code().wire());
    }

    @Test
    void syncAttemptOnWaveAnswersAfterTheProvidersFirstAnswer() {
        PaymentIntent intent = open(1000, Currency.XOF);
        Response response = attemptSync(intent, body(intent, "CI", "wave", "00000001", null));
        assertEquals(201, response.status(), response.body());
        assertEquals("action_required", response.json().get("status").asText());
        assertEquals("redirection", response.json().get("nextAction").get("type").asText());
    }

    @Test
    void syncAttemptIsRefusedForOtherProviders() {
        PaymentIntent intent = open(1000, Currency.XOF);
        int before = DynamoDbLocal.shared().intentCount();
        Response response = attemptSync(intent, body(intent, "CI", "mtn", "00000001", null));
        assertError(response, 400, "invalid_payment_processor", "provider");
        assertEquals(0, function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().payments().size());
        assertEquals(before, DynamoDbLocal.shared().intentCount());
    }

    @Test
    void attemptWhileProcessingOrActionRequiredOrFinalIs409() throws InterruptedException {
        PaymentIntent intent = open(1000, Currency.XOF);
        assertEquals(201, attempt(intent, body(intent, "CI", "mtn", "00000001", null)).status());
        assertError(attempt(intent, body(intent, "CI", "mtn", "00000001", null)), 409, "invalid_state", null);
        await(intent, IntentStatus.SUCCESSFUL);
        assertError(attempt(intent, body(intent, "CI", "mtn", "00000001", null)), 409, "invalid_state", null);
        assertEquals(1, function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().payments().size());
    }

    @Test
    void twentyConcurrentAttemptsMakeExactlyOnePayment() throws Exception {
        PaymentIntent intent = open(1000, Currency.XOF);
        String body = body(intent, "CI", "mtn", "00000001", null);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Callable<Integer> call = () -> {
                go.await();
                return attempt(intent, body).status();
            };
            answers.add(pool.submit(call));
        }
        go.countDown();
        int created = 0;
        int conflicts = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get();
            if (status == 201) {
                created++;
            } else if (status == 409) {
                conflicts++;
            }
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(19, conflicts);
        assertEquals(1, function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().payments().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown provider|CI|orangex|00000001|invalid_payment_processor|provider",
            "provider not in country|SN|mtn|00000001|invalid_payment_processor|provider",
            "country not covered|FR|orange|00000001|invalid_parameter|country",
            "country malformed|ci|orange|00000001|invalid_parameter|country",
            "currency mismatch (XAF country)|CM|orange|00000001|unsupported_currency|country",
            "msisdn malformed|CI|orange|12ab|invalid_parameter|mobileMoney.msisdn",
            "msisdn too short|CI|orange|1234567|invalid_parameter|mobileMoney.msisdn"})
    void invalidAttemptsAre400AndStoreNothing(String why, String country, String provider, String msisdn,
                                              String code, String param) {
        PaymentIntent intent = open(1000, Currency.XOF);
        assertError(attempt(intent, body(intent, country, provider, msisdn, null)), 400, code, param);
        assertEquals(0, function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().payments().size());
    }

    @Test
    void amountOutsideTheProvidersLimitsIs400() {
        PaymentIntent tooSmall = open(1, Currency.XOF);
        assertError(attempt(tooSmall, body(tooSmall, "CI", "mtn", "00000001", null)), 400, "invalid_parameter", "amount");
        PaymentIntent tooLarge = open(2_000_000L, Currency.XOF);
        assertError(attempt(tooLarge, body(tooLarge, "CI", "mtn", "00000001", null)), 400, "invalid_parameter", "amount");
    }

    /** HUB2's published policy for Cameroon: 500 to 500 000 XAF, both operators, bounds included. */
    @ParameterizedTest(name = "CM {0} {1} XAF -> {2}")
    @CsvSource({"mtn,499,400", "mtn,500,201", "mtn,500000,201", "mtn,500001,400",
            "orange,499,400", "orange,500,201", "orange,500000,201", "orange,500001,400"})
    void cameroonsPublishedLimitsAreEnforced(String provider, long amount, int status) {
        PaymentIntent intent = open(amount, Currency.XAF);
        Response response = attempt(intent, body(intent, "CM", provider, "00000001", null));
        if (status == 400) {
            assertError(response, 400, "invalid_parameter", "amount");
            assertTrue(response.json().get("message").asText().contains("500 to 500000 XAF"), response.body());
            assertEquals(0, function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().payments().size());
        } else {
            assertEquals(201, response.status(), response.body());
        }
    }

    @Test
    void missingFieldsAre400() {
        PaymentIntent intent = open(1000, Currency.XOF);
        String token = token(intent);
        assertError(attempt(intent, "{\"token\":\"" + token + "\",\"country\":\"CI\",\"provider\":\"mtn\",\"mobileMoney\":{\"msisdn\":\"00000001\"}}"),
                400, "missing_parameter", "paymentMethod");
        assertError(attempt(intent, "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\"}"),
                400, "missing_parameter", "mobileMoney");
        assertError(attempt(intent, "{\"token\":\"" + token + "\",\"paymentMethod\":\"cash\",\"country\":\"CI\"}"),
                400, "invalid_parameter", "paymentMethod");
        assertError(attempt(intent, "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\",\"mobileMoney\":{\"msisdn\":\"00000001\",\"onSuccessRedirectionUrl\":\"javascript:alert(1)\"}}"),
                400, "invalid_parameter", "mobileMoney.onSuccessRedirectionUrl");
    }

    @Test
    void aRetriedAttemptWithTheSameIdempotencyKeyIsReplayedNotRepeated() {
        PaymentIntent intent = open(1000, Currency.XOF);
        String body = body(intent, "CI", "mtn", "00000001", null);
        Response first = function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments", body)
                .header("Idempotency-Key", "attempt-" + intent.id()));
        Response retry = function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments", body)
                .header("Idempotency-Key", "attempt-" + intent.id()));
        assertEquals(201, first.status(), first.body());
        assertEquals(201, retry.status(), retry.body());
        assertEquals(first.body(), retry.body());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(1, function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().payments().size());
        Response reused = function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                body.replace("00000001", "00000002")).header("Idempotency-Key", "attempt-" + intent.id()));
        assertError(reused, 422, "idempotency_key_reused", "Idempotency-Key");
    }

    @Test
    void aTokenOfAnotherIntentIs401() {
        PaymentIntent a = open(1000, Currency.XOF);
        PaymentIntent b = open(1000, Currency.XOF);
        assertError(attempt(b, body(a, "CI", "mtn", "00000001", null)), 401, "unauthorized", null);
        assertEquals(0, function.context().getBean(IntentRepository.class).find(b.id()).orElseThrow().payments().size());
    }

    @Test
    void noTokenAndNoHeadersIs401() {
        PaymentIntent intent = open(1000, Currency.XOF);
        assertError(attempt(intent, "{\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\",\"mobileMoney\":{\"msisdn\":\"00000001\"}}"),
                401, "unauthorized", null);
    }

    @Test
    void theMerchantsServerMayAttemptWithItsHeaders() {
        PaymentIntent intent = open(1000, Currency.XOF);
        Response response = function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                        "{\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\",\"mobileMoney\":{\"msisdn\":\"00000001\"}}")
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox"));
        assertEquals(201, response.status(), response.body());
        assertNotNull(response.json().get("payments").get(0));
    }

    static void assertError(Response response, int status, String code, String param) {
        assertEquals(status, response.status(), response.body());
        JsonNode error = response.json();
        assertEquals(code, error.get("code").asText(), response.body());
        if (param != null) {
            assertEquals(param, error.get("param").asText(), response.body());
        }
        assertTrue(error.get("request_id").asText().startsWith("req_"));
    }
}
