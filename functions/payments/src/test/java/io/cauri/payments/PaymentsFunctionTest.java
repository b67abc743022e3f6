package io.cauri.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /payments and GET /payments/{id}/status through the real handler, against DynamoDB Local. */
class PaymentsFunctionTest {

    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    /** Three attempts, oldest first: failed (invalid number), then on a second intent one waiting for the payer. */
    static List<String> paymentIds = new ArrayList<>();
    static PaymentIntent first;
    static PaymentIntent second;

    @BeforeAll
    static void start() throws InterruptedException {
        function = new LocalFunction(Map.of("cauri.sandbox.payer-delay", "10m", "cauri.payments.provider-window", "10m"));
        merchant = TestMerchants.fresh();
        Caller server = Caller.server(merchant.merchantId(), Mode.SANDBOX);
        var intents = function.context().getBean(IntentLifecycle.class);
        var payments = function.context().getBean(PaymentAttempts.class);
        first = intents.create(server, new IntentLifecycle.NewIntent("o-1", "c-1", 1000, Currency.XOF, null));
        second = intents.create(server, new IntentLifecycle.NewIntent("o-2", "c-1", 2000, Currency.XOF, null));
        first = payments.attempt(server, first.id(), mm("09999999"), false);   // fails at once
        Thread.sleep(3);
        first = payments.attempt(server, first.id(), mm("00000001"), false);   // waits for the payer
        Thread.sleep(3);
        second = payments.attempt(server, second.id(), mm("00000001"), false); // waits for the payer
        paymentIds.add(first.payments().get(0).id());
        paymentIds.add(first.payments().get(1).id());
        paymentIds.add(second.payments().get(0).id());
        // Another merchant's payment: never listed.
        TestMerchants.Credentials other = TestMerchants.fresh();
        Caller otherServer = Caller.server(other.merchantId(), Mode.SANDBOX);
        PaymentIntent foreign = intents.create(otherServer, new IntentLifecycle.NewIntent("o", "c", 1000, Currency.XOF, null));
        payments.attempt(otherServer, foreign.id(), mm("00000001"), false);
    }

    static PaymentAttempts.NewPayment mm(String msisdn) {
        return new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "mtn", msisdn, null, null, null);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static Response get(ApiGatewayEvents request) {
        return function.handle(request.auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox"));
    }

    static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        response.json().forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    @Test
    void listsTheMerchantsPaymentsNewestFirst() {
        Response response = get(ApiGatewayEvents.get("/payments"));
        assertEquals(200, response.status(), response.body());
        assertEquals(List.of(paymentIds.get(2), paymentIds.get(1), paymentIds.get(0)), ids(response));
        assertEquals("3", response.header("X-Total-Count"));
        JsonNode failed = response.json().get(2);
        assertEquals("failed", failed.get("status").asText());
        assertEquals("invalid_sandbox_msisdn", failed.get("failure").get("code").asText());
        assertEquals(first.id(), failed.get("intentId").asText());
        assertEquals(1000, failed.get("amount").asLong());
    }

    @Test
    void filtersByIntentAndStatusAndPages() {
        assertEquals(List.of(paymentIds.get(1), paymentIds.get(0)), ids(get(ApiGatewayEvents.get("/payments").query("intentId", first.id()))));
        assertEquals(List.of(paymentIds.get(0)), ids(get(ApiGatewayEvents.get("/payments").query("status", "failed"))));
        Response page2 = get(ApiGatewayEvents.get("/payments").query("perPage", "2").query("page", "2"));
        assertEquals(List.of(paymentIds.get(0)), ids(page2));
        assertEquals("3", page2.header("X-Total-Count"));
    }

    @ParameterizedTest
    @CsvSource({"status,done", "intentId,pay_x", "perPage,0", "page,0", "from,soon"})
    void badQueriesAre400(String name, String value) {
        Response response = get(ApiGatewayEvents.get("/payments").query(name, value));
        assertEquals(400, response.status(), response.body());
        assertEquals(name, response.json().get("param").asText());
    }

    @Test
    void anOpenEndedRangeIs400NotAReadOfEveryIntent() {
        Response response = get(ApiGatewayEvents.get("/payments")
                .query("from", "1970-01-01T00:00:00.000Z").query("to", "9999-12-31T23:59:59.999Z"));
        assertEquals(400, response.status(), response.body());
        assertEquals("invalid_parameter", response.json().get("code").asText());
        assertEquals("from", response.json().get("param").asText());
    }

    @Test
    void statusOfOnePayment() {
        Response response = get(ApiGatewayEvents.get("/payments/" + paymentIds.get(1) + "/status"));
        assertEquals(200, response.status(), response.body());
        assertEquals(paymentIds.get(1), response.json().get("id").asText());
        assertEquals("action_required", response.json().get("status").asText());
        assertEquals(2, response.json().size());
    }

    @Test
    void anotherMerchantsOrAnUnknownPaymentIs404() {
        TestMerchants.Credentials other = TestMerchants.fresh();
        Response foreign = function.handle(ApiGatewayEvents.get("/payments/" + paymentIds.get(1) + "/status")
                .auth(other.merchantId(), other.sandboxKey(), "sandbox"));
        assertEquals(404, foreign.status());
        assertEquals(404, get(ApiGatewayEvents.get("/payments/pay_000000000000000000000/status")).status());
        assertEquals(404, get(ApiGatewayEvents.get("/payments/nope/status")).status());
    }

    @Test
    void paymentsNeedServerCredentials() {
        assertEquals(401, function.handle(ApiGatewayEvents.get("/payments")).status());
        assertEquals(401, function.handle(ApiGatewayEvents.get("/payments/" + paymentIds.get(0) + "/status")).status());
    }
}
