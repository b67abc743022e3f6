package io.cauri.createtransfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.id.Ids;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MoneyOutFixtures;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WriteCounter;
import io.cauri.web.idempotency.IdempotentRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /transfers and POST /api/v1/payouts through the real Lambda handler, against DynamoDB Local. */
class CreateTransferFunctionTest {
    static final String HUB2 = """
            {"reference":"payout 2026-0001_a.b","amount":2000,"currency":"XOF","description":"Commission",
             "destination":{"type":"mobile_money","country":"CI","recipientName":"Awa Konan","msisdn":"00000001","provider":"orange"}}""";
    static final String V1 = """
            {"amount":1500,"currency":"XOF","description":"Commission","reference":"r-1",
             "destination":{"type":"mobile_money","mobile_money":{"country":"CI","operator":"orange_money","msisdn":"00000001","recipient_name":"Awa Konan"}}}""";

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        MoneyOutFixtures.fund(function, merchant, Mode.SANDBOX, 1_000_000);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static Response hub2(TestMerchants.Credentials who, String body, String key) {
        ApiGatewayEvents event = ApiGatewayEvents.post("/transfers", body)
                .auth(who.merchantId(), who.key(Mode.SANDBOX), "sandbox");
        if (key != null) {
            event.header(IdempotentRequests.HEADER, key);
        }
        return function.handle(event);
    }

    static Response v1(TestMerchants.Credentials who, String body) {
        return function.handle(ApiGatewayEvents.post("/api/v1/payouts", body)
                .header("Authorization", "Bearer " + who.key(Mode.SANDBOX)));
    }

    @Test
    void hub2CreateAnswersTheTransferInHub2ShapeAndReservesItsAmount() {
        long before = MoneyOutFixtures.available(function, merchant, Mode.SANDBOX);
        Response response = hub2(merchant, HUB2, null);
        assertEquals(201, response.status(), response.body());
        JsonNode t = response.json();
        assertTrue(Ids.looksLike(Ids.TRANSFER, t.get("id").asText()), t.toString());
        assertEquals(merchant.merchantId(), t.get("merchantId").asText());
        assertEquals("payout 2026-0001_a.b", t.get("reference").asText());
        assertEquals("Commission", t.get("description").asText());
        assertEquals(2000, t.get("amount").asLong());
        assertEquals("XOF", t.get("currency").asText());
        assertEquals("sandbox", t.get("mode").asText());
        assertTrue(Set.of("pending", "successful").contains(t.get("status").asText()), t.toString());
        assertTrue(t.get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        JsonNode d = t.get("destination");
        assertEquals("mobile_money", d.get("type").asText());
        assertEquals("CI", d.get("country").asText());
        assertEquals("Awa Konan", d.get("recipientName").asText());
        assertEquals("00000001", d.get("msisdn").asText());
        assertEquals("orange", d.get("provider").asText());
        assertFalse(t.has("failure"), "no failure on a transfer that did not fail");
        assertEquals(before - 2000, MoneyOutFixtures.available(function, merchant, Mode.SANDBOX));
    }

    @Test
    void v1CreateAnswersAStripeLikePayout() {
        Response response = v1(merchant, V1);
        assertEquals(201, response.status(), response.body());
        JsonNode p = response.json();
        assertEquals("payout", p.get("object").asText());
        assertTrue(Ids.looksLike(Ids.TRANSFER, p.get("id").asText()));
        assertEquals(1500, p.get("amount").asLong());
        assertEquals("XOF", p.get("currency").asText());
        assertFalse(p.get("livemode").asBoolean());
        assertTrue(p.get("created").isIntegralNumber());
        assertTrue(Set.of("pending", "paid").contains(p.get("status").asText()), p.toString());
        assertEquals("r-1", p.get("reference").asText());
        JsonNode mm = p.get("destination").get("mobile_money");
        assertEquals("mobile_money", p.get("destination").get("type").asText());
        assertEquals("orange_money", mm.get("operator").asText());
        assertEquals("Awa Konan", mm.get("recipient_name").asText());
        assertTrue(p.has("failure_code") && p.get("failure_code").isNull());
    }

    @Test
    void v1MinimalBodyIsAcceptedWithEitherCredential() {
        String minimal = "{\"amount\":1000,\"currency\":\"XOF\",\"destination\":{\"type\":\"mobile_money\",\"mobile_money\":{"
                + "\"country\":\"CI\",\"operator\":\"orange_money\",\"msisdn\":\"00000001\",\"recipient_name\":\"Awa\"}}}";
        Response bearer = v1(merchant, minimal);
        assertEquals(201, bearer.status(), bearer.body());
        assertTrue(bearer.json().get("reference").isNull(), "no reference given, none shown");
        Response headers = function.handle(ApiGatewayEvents.post("/api/v1/payouts", minimal)
                .auth(merchant.merchantId(), merchant.key(Mode.SANDBOX), "sandbox"));
        assertEquals(201, headers.status(), headers.body());
    }

    @Test
    void theSameIdempotencyKeyPaysOutOnce() {
        long before = MoneyOutFixtures.available(function, merchant, Mode.SANDBOX);
        Response first = hub2(merchant, HUB2, "payout-key-1");
        Response again = hub2(merchant, HUB2, "payout-key-1");
        assertEquals(201, first.status(), first.body());
        assertEquals(201, again.status(), again.body());
        assertEquals(first.json().get("id"), again.json().get("id"));
        assertEquals("true", again.header(IdempotentRequests.REPLAYED_HEADER));
        assertEquals(before - 2000, MoneyOutFixtures.available(function, merchant, Mode.SANDBOX));
    }

    @Test
    void moreThanTheAvailableBalanceIs400AndWritesNothing() {
        TestMerchants.Credentials poor = TestMerchants.fresh();
        MoneyOutFixtures.fund(function, poor, Mode.SANDBOX, 1000);
        WriteCounter.reset();
        Response response = hub2(poor, HUB2, null);
        assertError(response, 400, "balance_insufficient");
        assertEquals(List.of(), WriteCounter.writes());
        assertEquals(1000, MoneyOutFixtures.available(function, poor, Mode.SANDBOX));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "reference with a slash|\"reference\":\"payout 2026-0001_a.b\"|\"reference\":\"a/b\"|invalid_parameter|reference",
            "no reference|\"reference\":\"payout 2026-0001_a.b\",||missing_parameter|reference",
            "zero amount|\"amount\":2000|\"amount\":0|invalid_parameter|amount",
            "fractional amount|\"amount\":2000|\"amount\":20.5|invalid_parameter|amount",
            "lower-case currency|\"currency\":\"XOF\"|\"currency\":\"xof\"|invalid_parameter|currency",
            "bank destination|\"type\":\"mobile_money\"|\"type\":\"bank\"|invalid_parameter|destination.type",
            "bad msisdn|\"msisdn\":\"00000001\"|\"msisdn\":\"12ab\"|invalid_parameter|destination.msisdn",
            "no recipient|\"recipientName\":\"Awa Konan\",||missing_parameter|destination.recipientName",
            "bidi recipient|\"recipientName\":\"Awa Konan\"|\"recipientName\":\"Awa\\u202eKonan\"|invalid_parameter|destination.recipientName",
            "country in lower case|\"country\":\"CI\"|\"country\":\"ci\"|invalid_parameter|destination.country"})
    void everyBadFieldIs4xxNamingIt(String name, String from, String to, String code, String param) {
        String body = HUB2.replace(from, to == null ? "" : to);
        WriteCounter.reset();
        Response response = hub2(merchant, body, null);
        assertError(response, 400, code);
        assertEquals(param, response.json().get("param").asText(), response.body());
        assertEquals(List.of(), WriteCounter.writes());
    }

    @Test
    void v1UnknownOperatorIs400NamingIt() {
        Response response = v1(merchant, V1.replace("orange_money", "orange"));
        assertError(response, 400, "invalid_parameter");
        assertEquals("destination.mobile_money.operator", response.json().get("param").asText());
    }

    @Test
    void withoutCredentialsIs401() {
        assertError(function.handle(ApiGatewayEvents.post("/transfers", HUB2)), 401, "unauthorized");
        assertError(function.handle(ApiGatewayEvents.post("/api/v1/payouts", V1)), 401, "unauthorized");
    }

    static void assertError(Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        JsonNode error = response.json();
        assertEquals(code, error.get("code").asText(), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }
}
