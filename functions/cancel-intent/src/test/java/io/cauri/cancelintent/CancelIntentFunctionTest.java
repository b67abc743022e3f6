package io.cauri.cancelintent;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.cauri.time.Timestamps;
import io.cauri.web.json.JsonBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /api/v1/payment-intents/{id}/cancel from each status, and the 24 h expiry, against DynamoDB Local. */
class CancelIntentFunctionTest {

    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static Caller server;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("cauri.sandbox.payer-delay", "10m", "cauri.payments.provider-window", "10m"));
        merchant = TestMerchants.fresh();
        server = Caller.server(merchant.merchantId(), Mode.SANDBOX);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent open() {
        return function.context().getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent("o", "c", 1000, Currency.XOF, null));
    }

    static PaymentIntent attempted(String provider, String msisdn, String otp) {
        return function.context().getBean(PaymentAttempts.class).attempt(server, open().id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", provider, msisdn, otp, null, null), false);
    }

    static Response cancel(PaymentIntent intent) {
        return function.handle(ApiGatewayEvents.request("POST", "/api/v1/payment-intents/" + intent.id() + "/cancel")
                .header("Authorization", "Bearer " + merchant.sandboxKey()));
    }

    @Test
    void fromRequiresPaymentMethod() {
        Response response = cancel(open());
        assertEquals(200, response.status(), response.body());
        assertEquals("canceled", response.json().get("status").asText());
    }

    @Test
    void fromRequiresActionThePendingPaymentFailsCanceled() {
        PaymentIntent intent = attempted("mtn", "00000001", null);
        assertEquals("action_required", intent.status().wire());
        JsonNode canceled = cancel(intent).json();
        assertEquals("canceled", canceled.get("status").asText());
        PaymentIntent stored = function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
        assertEquals("failed", stored.payments().get(0).status().wire());
        assertEquals("canceled", stored.payments().get(0).failure().code().wire());
    }

    @Test
    void fromFinalStatusesIs409() {
        PaymentIntent paid = attempted("orange", "00000001", "1234");
        assertEquals("successful", paid.status().wire());
        assertEquals(409, cancel(paid).status());
        PaymentIntent canceled = open();
        assertEquals(200, cancel(canceled).status());
        Response again = cancel(canceled);
        assertEquals(409, again.status());
        assertEquals("invalid_state", again.json().get("code").asText());
    }

    @Test
    void anIntentUnpaidFor24HoursIsCanceledByTheSystem() {
        Instant dayAgo = Instant.now().minus(24, ChronoUnit.HOURS).minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        IntentRepository repository = function.context().getBean(IntentRepository.class);
        PaymentIntent old = repository.create(PaymentIntent.open(io.cauri.id.Ids.next(io.cauri.id.Ids.INTENT),
                merchant.merchantId(), Mode.SANDBOX, dayAgo, "o", "c", 1000, Currency.XOF, null));
        Response read = function.handle(ApiGatewayEvents.request("POST", "/api/v1/payment-intents/" + old.id() + "/cancel")
                .header("Authorization", "Bearer " + merchant.sandboxKey()));
        assertEquals(409, read.status(), read.body()); // already canceled by expiry when touched
        PaymentIntent stored = repository.find(old.id()).orElseThrow();
        assertEquals("canceled", stored.status().wire());
        assertEquals(Timestamps.format(dayAgo), Timestamps.format(stored.createdAt()));
    }

    @Test
    void foreignIntentsAre404() {
        TestMerchants.Credentials other = TestMerchants.fresh();
        PaymentIntent intent = open();
        Response response = function.handle(ApiGatewayEvents.request("POST", "/api/v1/payment-intents/" + intent.id() + "/cancel")
                .header("Authorization", "Bearer " + other.sandboxKey()));
        assertEquals(404, response.status());
        assertEquals("payment_required",
                function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().status().wire());
    }

    /**
     * Found by the hostile run on CI: a body nested a thousand deep (with an Idempotency-Key, whose fingerprint
     * reads the body through Micronaut's recursive decoder) overflowed the stack into a 500.
     */
    @Test
    void aBodyNestedPastTheLimitIs400BeforeAnyReaderAndCancelsNothing() {
        PaymentIntent intent = open();
        for (int depth : new int[] {JsonBody.MAX_DEPTH + 1, 1000, 4075}) {
            for (String open : new String[] {"[", "{\"a\":"}) {
                for (String contentType : new String[] {"application/json", "", "text/plain"}) {
                    String body = open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth);
                    Response response = function.handle(ApiGatewayEvents.request("POST", "/api/v1/payment-intents/" + intent.id() + "/cancel")
                            .header("Authorization", "Bearer " + merchant.sandboxKey())
                            .header("Content-Type", contentType)
                            .header("Idempotency-Key", "nested-" + depth + "-" + open.length() + "-" + contentType)
                            .body(body));
                    String sent = depth + " " + open + " " + contentType;
                    assertEquals(400, response.status(), sent + " " + response.body());
                    assertEquals("invalid_json", response.json().get("code").asText(), sent);
                }
            }
        }
        assertEquals(IntentStatus.PAYMENT_REQUIRED,
                function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().status());
    }
}
