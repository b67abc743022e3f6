package io.cauri.attemptpayment;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentDetails;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/v1/payment-intents/{id}/confirm through the real handler, against DynamoDB Local. */
class V1ConfirmFunctionTest {

    /** The confirm sample of docs/reference/v1-payment-intents.md, verbatim (only the msisdn's last 8 digits pick the sandbox outcome). */
    static final String PUBLISHED_SAMPLE = """
            {
            "payment_method": {
            "type": "mobile_money",
            "mobile_money": {
            "country": "SN",
            "operator": "orange_money",
            "msisdn": "+221770000000"
            }
            }
            }""";

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("cauri.payments.provider-window", "10m"));
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent open(String country) {
        return function.context().getBean(IntentLifecycle.class).create(Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent(null, null, 10_000, Currency.XOF, null),
                new IntentDetails(null, Map.of(), null, country, null, null), IntentLifecycle.CustomerSpec.NONE);
    }

    static Response confirm(PaymentIntent intent, String body) {
        return function.handle(ApiGatewayEvents.post("/api/v1/payment-intents/" + intent.id() + "/confirm", body)
                .header("Authorization", "Bearer " + merchant.sandboxKey()));
    }

    static String mm(String country, String operator, String msisdn) {
        return "{\"payment_method\":{\"type\":\"mobile_money\",\"mobile_money\":{\"country\":\"" + country
                + "\",\"operator\":\"" + operator + "\",\"msisdn\":\"" + msisdn + "\"}},\"return_url\":\"https://shop.example/back\"}";
    }

    @Test
    void publishedSampleIsAcceptedVerbatim() {
        Response response = confirm(open("SN"), PUBLISHED_SAMPLE);
        assertEquals(201, response.status(), response.body());
        JsonNode pi = response.json();
        // +221770000000 is no sandbox number: the attempt fails at once, as HUB2's sandbox does.
        assertEquals("requires_payment_method", pi.get("status").asText());
        assertEquals("invalid_sandbox_msisdn", pi.get("last_payment_error").get("code").asText());
    }

    @Test
    void orangeMoneyAsksForAnOtp() {
        Response response = confirm(open("SN"), mm("SN", "orange_money", "+22100000001"));
        assertEquals(201, response.status(), response.body());
        assertEquals("requires_action", response.json().get("status").asText());
        assertEquals("otp", response.json().get("next_action").get("type").asText());
    }

    static String preferring(String country, String operator, String flow) {
        return "{\"payment_method\":{\"type\":\"mobile_money\",\"mobile_money\":{\"country\":\"" + country
                + "\",\"operator\":\"" + operator + "\",\"msisdn\":\"00000001\",\"preferred_flow\":\"" + flow + "\"}}}";
    }

    @Test
    void aPreferredFlowTheOperatorOffersIsHonoured() {
        // Orange Money offers a USSD push besides its default OTP (coverage.json alternativeFlows).
        Response ussd = confirm(open("SN"), preferring("SN", "orange_money", "ussd"));
        assertEquals(201, ussd.status(), ussd.body());
        assertEquals("requires_action", ussd.json().get("status").asText());
        assertEquals("ussd", ussd.json().get("next_action").get("type").asText());
        Response otp = confirm(open("SN"), preferring("SN", "orange_money", "otp"));
        assertEquals("otp", otp.json().get("next_action").get("type").asText());
    }

    @Test
    void aPreferredFlowTheOperatorDoesNotOfferFallsBackToItsDefault() {
        Response orange = confirm(open("CI"), preferring("CI", "orange_money", "redirect"));
        assertEquals(201, orange.status(), orange.body());
        assertEquals("otp", orange.json().get("next_action").get("type").asText());
        Response mtn = confirm(open("CI"), preferring("CI", "mtn", "otp"));
        assertEquals("ussd", mtn.json().get("next_action").get("type").asText());
        Response wave = confirm(open("CI"), preferring("CI", "wave", "ussd"));
        assertEquals("redirect_to_url", wave.json().get("next_action").get("type").asText());
        Response unknown = confirm(open("CI"), preferring("CI", "orange_money", "sms"));
        assertEquals(400, unknown.status());
        assertEquals("payment_method.mobile_money.preferred_flow", unknown.json().get("param").asText());
    }

    @Test
    void waveRedirectsToAUrl() {
        Response response = confirm(open("CI"), mm("CI", "wave", "00000001"));
        assertEquals(201, response.status(), response.body());
        JsonNode action = response.json().get("next_action");
        assertEquals("redirect_to_url", action.get("type").asText());
        assertTrue(action.get("redirect_to_url").get("url").asText().contains("/sandbox/payments/pay_"));
    }

    @Test
    void aCardPaysThroughTheCardRoute() {
        Response response = confirm(open("CI"), "{\"payment_method\":{\"type\":\"card\",\"card\":{\"token\":\"tok_visa\"}}}");
        assertEquals(201, response.status(), response.body());
        assertEquals("redirect_to_url", response.json().get("next_action").get("type").asText());
    }

    @Test
    void theCountryMustBeTheTransactionCountry() {
        Response response = confirm(open("SN"), mm("CI", "orange_money", "00000001"));
        assertEquals(400, response.status(), response.body());
        assertEquals("payment_method.mobile_money.country", response.json().get("param").asText());
    }

    @Test
    void badPaymentMethodsAre400() {
        PaymentIntent intent = open("CI");
        assertEquals("payment_method.mobile_money.operator",
                confirm(intent, mm("CI", "airtel_money", "00000001")).json().get("param").asText());
        assertEquals("payment_method.type",
                confirm(intent, "{\"payment_method\":{\"type\":\"cash\"}}").json().get("param").asText());
        assertEquals("payment_method", confirm(intent, "{}").json().get("param").asText());
        assertEquals("provider", confirm(intent, mm("CI", "free_money", "00000001")).json().get("param").asText());
    }
}
