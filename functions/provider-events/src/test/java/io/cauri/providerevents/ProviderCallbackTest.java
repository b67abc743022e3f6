package io.cauri.providerevents;

import io.cauri.intent.Currency;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /providers/{provider}/callbacks through the real API handler, against DynamoDB Local. */
class ProviderCallbackTest {
    static final String SECRET = java.util.UUID.randomUUID().toString();
    /** mtn's secret for live payments: must never settle a sandbox one. */
    static final String MTN_LIVE_SECRET = java.util.UUID.randomUUID().toString();
    /** Another provider's secret (sandbox): must never settle an mtn payment. */
    static final String MOOV_SECRET = java.util.UUID.randomUUID().toString();

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("cauri.providers.mtn.sandbox-callback-secret", SECRET,
                "cauri.providers.mtn.callback-secret", MTN_LIVE_SECRET,
                "cauri.providers.moov.sandbox-callback-secret", MOOV_SECRET,
                "cauri.sandbox.payer-delay", "10m", "cauri.payments.provider-window", "10m"));
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent waitingForThePayer() {
        Caller server = Caller.server(merchant.merchantId(), Mode.SANDBOX);
        PaymentIntent intent = function.context().getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent("o", "c", 1000, Currency.XOF, null));
        return function.context().getBean(PaymentAttempts.class).attempt(server, intent.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "mtn", "00000001", null, null, null), false);
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256("<t>.<body>")>}, signed now. */
    static String sign(String secret, String body) throws Exception {
        return sign(secret, body, Instant.now().getEpochSecond());
    }

    static String sign(String secret, String body, long timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signed = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signed);
    }

    static Response callback(String provider, String body, String signature) {
        ApiGatewayEvents request = ApiGatewayEvents.post("/providers/" + provider + "/callbacks", body);
        if (signature != null) {
            request.header("Cauri-Provider-Signature", signature);
        }
        return function.handle(request);
    }

    static PaymentIntent stored(PaymentIntent intent) {
        return function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
    }

    static IntentStatus status(PaymentIntent intent) {
        return function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().status();
    }

    @Test
    void aSignedSuccessCallbackCompletesThePayment() throws Exception {
        PaymentIntent intent = waitingForThePayer();
        String body = "{\"paymentId\":\"" + intent.payments().get(0).id() + "\",\"outcome\":\"succeeded\"}";
        assertEquals(204, callback("mtn", body, sign(SECRET, body)).status());
        assertEquals(IntentStatus.SUCCESSFUL, status(intent));
        assertEquals(204, callback("mtn", body, sign(SECRET, body)).status()); // repeated: harmless
        assertEquals(IntentStatus.SUCCESSFUL, status(intent));
    }

    @Test
    void aSignedFailureCallbackFailsThePayment() throws Exception {
        PaymentIntent intent = waitingForThePayer();
        String body = "{\"paymentId\":\"" + intent.payments().get(0).id()
                + "\",\"outcome\":\"failed\",\"failureCode\":\"customer_account_locked\"}";
        assertEquals(204, callback("mtn", body, sign(SECRET, body)).status());
        assertEquals(IntentStatus.PAYMENT_REQUIRED, status(intent));
    }

    @Test
    void unsignedOrWronglySignedCallbacksChangeNothing() throws Exception {
        PaymentIntent intent = waitingForThePayer();
        String body = "{\"paymentId\":\"" + intent.payments().get(0).id() + "\",\"outcome\":\"succeeded\"}";
        assertEquals(401, callback("mtn", body, null).status());
        assertEquals(401, callback("mtn", body, sign("another secret", body)).status());
        assertEquals(401, callback("mtn", body, "sha256=zz").status());
        assertEquals(401, callback("mtn", body.replace("succeeded", "failed"), sign(SECRET, body)).status());
        assertEquals(IntentStatus.ACTION_REQUIRED, status(intent));
    }

    @Test
    void anotherProvidersSecretCannotSettleThePayment() throws Exception {
        PaymentIntent intent = waitingForThePayer(); // an mtn payment
        PaymentIntent before = stored(intent);
        String body = "{\"paymentId\":\"" + intent.payments().get(0).id() + "\",\"outcome\":\"succeeded\"}";
        // moov's route, correctly signed with moov's secret: the payment is not moov's, so it does not exist there
        Response response = callback("moov", body, sign(MOOV_SECRET, body));
        assertEquals(404, response.status());
        assertEquals("not_found", response.json().get("code").asText());
        assertEquals(before, stored(intent)); // nothing changed, not even updatedAt
        // and a moov-signed callback presented on mtn's route is not signed by mtn
        assertEquals(401, callback("mtn", body, sign(MOOV_SECRET, body)).status());
        assertEquals(before, stored(intent));
    }

    @Test
    void aLiveSecretCannotSettleASandboxPayment() throws Exception {
        PaymentIntent intent = waitingForThePayer(); // sandbox
        PaymentIntent before = stored(intent);
        String body = "{\"paymentId\":\"" + intent.payments().get(0).id() + "\",\"outcome\":\"succeeded\"}";
        Response response = callback("mtn", body, sign(MTN_LIVE_SECRET, body));
        assertEquals(404, response.status());
        assertEquals(before, stored(intent));
    }

    @Test
    void staleOrFutureTimestampsAreRefused() throws Exception {
        PaymentIntent intent = waitingForThePayer();
        String body = "{\"paymentId\":\"" + intent.payments().get(0).id() + "\",\"outcome\":\"succeeded\"}";
        long now = Instant.now().getEpochSecond();
        Response stale = callback("mtn", body, sign(SECRET, body, now - 6 * 60));
        assertEquals(401, stale.status());
        assertTrue(stale.json().get("message").asText().contains("timestamp"), stale.json().toString());
        assertEquals(401, callback("mtn", body, sign(SECRET, body, now + 6 * 60)).status());
        // the old scheme (no timestamp) and a timestamp changed after signing are refused too
        assertEquals(401, callback("mtn", body, sign(SECRET, body).replaceFirst("^t=\\d+,v1=", "sha256=")).status());
        assertEquals(401, callback("mtn", body, sign(SECRET, body, now - 10).replaceFirst("^t=\\d+", "t=" + now)).status());
        assertEquals(IntentStatus.ACTION_REQUIRED, status(intent));
        // within the tolerance it settles, once
        assertEquals(204, callback("mtn", body, sign(SECRET, body, now - 4 * 60)).status());
        assertEquals(IntentStatus.SUCCESSFUL, status(intent));
        PaymentIntent settled = stored(intent);
        assertEquals(204, callback("mtn", body, sign(SECRET, body)).status());
        assertEquals(settled, stored(intent));
    }

    @Test
    void providersWithoutASecretHaveNoCallbackRoute() throws Exception {
        String body = "{\"paymentId\":\"pay_x\",\"outcome\":\"succeeded\"}";
        assertEquals(404, callback("orange", body, sign(SECRET, body)).status());
        assertEquals(404, callback("wave", body, sign(SECRET, body)).status());
        assertEquals(404, callback("Bad-Name", body, sign(SECRET, body)).status());
    }

    @Test
    void badCallbacksAre400Or404() throws Exception {
        String unknown = "{\"paymentId\":\"pay_000000000000000000000\",\"outcome\":\"succeeded\"}";
        assertEquals(404, callback("mtn", unknown, sign(SECRET, unknown)).status());
        PaymentIntent intent = waitingForThePayer();
        String bad = "{\"paymentId\":\"" + intent.payments().get(0).id() + "\",\"outcome\":\"maybe\"}";
        Response response = callback("mtn", bad, sign(SECRET, bad));
        assertEquals(400, response.status());
        assertEquals("outcome", response.json().get("param").asText());
    }
}
