package io.cauri.fees;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.token.IntentTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /payment-intents/{id}/payment-fees through the real handler, against DynamoDB Local. */
class PaymentFeesFunctionTest {

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent open(long amount, Currency currency) {
        return function.context().getBean(IntentLifecycle.class).create(Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent("order-1", "cust-1", amount, currency, null));
    }

    static Response fees(PaymentIntent intent, String country, String provider, String method) {
        ApiGatewayEvents request = ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/payment-fees")
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox");
        if (country != null) {
            request.query("country", country);
        }
        if (provider != null) {
            request.query("provider", provider);
        }
        if (method != null) {
            request.query("paymentMethod", method);
        }
        return function.handle(request);
    }

    @Test
    void answersHub2FeeObjectsInMinorUnits() {
        Response response = fees(open(10_001, Currency.XOF), "CI", "orange", "mobile_money");
        assertEquals(200, response.status(), response.body());
        JsonNode fees = response.json();
        assertTrue(fees.isArray());
        assertFalse(fees.isEmpty());
        for (JsonNode fee : fees) {
            assertTrue(fee.get("id").asText().matches("[A-Za-z0-9_-]{21}"), fee.toString());
            assertTrue(fee.get("amount").isIntegralNumber(), fee.toString());
            assertTrue(fee.get("amount").asLong() >= 0);
            assertEquals("XOF", fee.get("currency").asText());
            assertTrue(fee.get("rateType").asText().matches("percent|flat"));
            assertFalse(fee.get("label").asText().isBlank());
            assertTrue(fee.get("taxes").isArray());
            if (fee.get("rateType").asText().equals("percent")) {
                long expected = new BigDecimal(10_001).multiply(fee.get("rate").decimalValue())
                        .divide(BigDecimal.valueOf(100), 0, java.math.RoundingMode.CEILING).longValueExact();
                assertEquals(expected, fee.get("amount").asLong(), fee.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0} pays a multiple of {1}")
    @CsvSource({"SN,free,5", "BF,moov,5", "ML,orange,5", "GN,orange,1000"})
    void payerTotalsAreRoundedWhereHub2RoundsThem(String country, String provider, long step) {
        Currency currency = country.equals("GN") ? Currency.GNF : Currency.XOF;
        long amount = country.equals("GN") ? 12_345 : 1_001;
        Response response = fees(open(amount, currency), country, provider, "mobile_money");
        assertEquals(200, response.status(), response.body());
        long total = amount;
        for (JsonNode fee : response.json()) {
            total += fee.get("amount").asLong();
        }
        assertEquals(0, total % step, response.body());
    }

    @Test
    void theClientAppMayAskWithItsToken() {
        PaymentIntent intent = open(1000, Currency.XOF);
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        Response response = function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/payment-fees")
                .query("token", token).query("country", "CI").query("provider", "mtn").query("paymentMethod", "mobile_money"));
        assertEquals(200, response.status(), response.body());
    }

    @ParameterizedTest(name = "{0}/{1}/{2} -> {4}")
    @CsvSource(value = {"null,mtn,mobile_money,missing_parameter,country", "CI,null,mobile_money,missing_parameter,provider",
            "CI,mtn,null,missing_parameter,paymentMethod", "CI,mtn,cash,invalid_parameter,paymentMethod",
            "CI,free,mobile_money,invalid_payment_processor,provider", "CM,orange,mobile_money,unsupported_currency,country",
            "ci,mtn,mobile_money,invalid_parameter,country"}, nullValues = "null")
    void badQueriesAre400(String country, String provider, String method, String code, String param) {
        Response response = fees(open(1000, Currency.XOF), country, provider, method);
        assertEquals(400, response.status(), response.body());
        assertEquals(code, response.json().get("code").asText());
        assertEquals(param, response.json().get("param").asText());
    }

    @Test
    void anotherMerchantsIntentIs404() {
        PaymentIntent intent = open(1000, Currency.XOF);
        TestMerchants.Credentials other = TestMerchants.fresh();
        Response response = function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/payment-fees")
                .auth(other.merchantId(), other.sandboxKey(), "sandbox")
                .query("country", "CI").query("provider", "mtn").query("paymentMethod", "mobile_money"));
        assertEquals(404, response.status());
    }
}
