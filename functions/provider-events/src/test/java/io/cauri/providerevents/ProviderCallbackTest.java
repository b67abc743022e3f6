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

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /providers/{provider}/callbacks through the real API handler, against DynamoDB Local. */
class ProviderCallbackTest {
    static final String SECRET = java.util.UUID.randomUUID().toString();

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("cauri.providers.mtn.callback-secret", SECRET,
                "cauri.sandbox.payer-delay", "10m", "cauri.sandbox.provider-window", "10m"));
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent waitingForThePayer() {
        Caller server = Caller.server(merchant.merchantId(), Mode.SANDBOX);
        PaymentIntent intent = function.context().getBean(PaymentIntentService.class).create(server,
                new PaymentIntentService.NewIntent("o", "c", 1000, Currency.XOF, null));
        return function.context().getBean(PaymentService.class).attempt(server, intent.id(),
                new PaymentService.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "mtn", "00000001", null, null, null), false);
    }

    static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    static Response callback(String provider, String body, String signature) {
        ApiGatewayEvents request = ApiGatewayEvents.post("/providers/" + provider + "/callbacks", body);
        if (signature != null) {
            request.header("Cauri-Provider-Signature", signature);
        }
        return function.handle(request);
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
    void providersWithoutASecretHaveNoCallbackRoute() throws Exception {
        String body = "{\"paymentId\":\"pay_x\",\"outcome\":\"succeeded\"}";
        assertEquals(404, callback("orange", body, sign(SECRET, body)).status());
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
