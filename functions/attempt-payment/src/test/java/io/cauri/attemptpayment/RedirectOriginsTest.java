package io.cauri.attemptpayment;

import io.cauri.intent.Currency;
import io.cauri.intent.IntentDetails;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentIntentService;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.token.IntentTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attempt's redirection URLs go only to origins the merchant allows (no open redirector): its configured
 * origins; in sandbox with none configured, any https origin or loopback. Real handler, DynamoDB Local.
 */
class RedirectOriginsTest {
    static LocalFunction function;
    static TestMerchants.Credentials unconfigured;
    static TestMerchants.Credentials configured;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        unconfigured = TestMerchants.fresh();
        configured = TestMerchants.fresh();
        MerchantRepository merchants = function.context().getBean(MerchantRepository.class);
        Merchant m = merchants.find(configured.merchantId()).orElseThrow();
        merchants.save(new Merchant(m.id(), m.name(), m.apiKeys(), m.redirectionUrls(), List.of("https://shop.example")));
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent open(TestMerchants.Credentials merchant, Mode mode) {
        return function.context().getBean(PaymentIntentService.class).create(Caller.server(merchant.merchantId(), mode),
                new PaymentIntentService.NewIntent(null, null, 1000, Currency.XOF, null),
                new IntentDetails(null, Map.of(), null, "CI", null, null), PaymentIntentService.CustomerSpec.NONE);
    }

    static Response attempt(PaymentIntent intent, String successUrl) {
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\","
                        + "\"mobileMoney\":{\"msisdn\":\"00000002\",\"onSuccessRedirectionUrl\":\"" + successUrl + "\"}}"));
    }

    static void assertRefused(Response response, String param) {
        assertEquals(400, response.status(), response.body());
        assertEquals("invalid_parameter", response.json().get("code").asText());
        assertEquals(param, response.json().get("param").asText());
    }

    @Test
    void aConfiguredMerchantsPayersGoOnlyToItsOrigins() {
        assertRefused(attempt(open(configured, Mode.SANDBOX), "https://evil.example/phish"),
                "mobileMoney.onSuccessRedirectionUrl");
        assertRefused(attempt(open(configured, Mode.SANDBOX), "https://shop.example@evil.example/"),
                "mobileMoney.onSuccessRedirectionUrl");
        PaymentIntent refused = open(configured, Mode.SANDBOX);
        attempt(refused, "https://shop.example.evil.example/");
        assertTrue(function.context().getBean(IntentRepository.class).find(refused.id()).orElseThrow().payments().isEmpty(),
                "nothing stored");
        Response allowed = attempt(open(configured, Mode.SANDBOX), "https://SHOP.example:443/merci?order=1");
        assertEquals(201, allowed.status(), allowed.body());
        System.out.println("redirect origins: https://evil.example on a merchant allowing https://shop.example -> 400; "
                + "https://SHOP.example:443/… -> 201");
    }

    @Test
    void sandboxWithNoneConfiguredTakesHttpsAndLoopbackOnly() {
        assertEquals(201, attempt(open(unconfigured, Mode.SANDBOX), "https://shop.example/merci").status());
        assertEquals(201, attempt(open(unconfigured, Mode.SANDBOX), "http://localhost:3000/back").status());
        assertEquals(201, attempt(open(unconfigured, Mode.SANDBOX), "http://127.0.0.1:8080/back").status());
        assertRefused(attempt(open(unconfigured, Mode.SANDBOX), "http://evil.example/phish"),
                "mobileMoney.onSuccessRedirectionUrl");
    }

    @Test
    void liveWithNoneConfiguredTakesNoRedirectionUrl() {
        assertRefused(attempt(open(unconfigured, Mode.LIVE), "https://shop.example/merci"),
                "mobileMoney.onSuccessRedirectionUrl");
    }

    @Test
    void theV1ReturnUrlFollowsTheSameRule() {
        PaymentIntent intent = open(configured, Mode.SANDBOX);
        Response response = function.handle(ApiGatewayEvents.post("/api/v1/payment-intents/" + intent.id() + "/confirm",
                        "{\"payment_method\":{\"type\":\"mobile_money\",\"mobile_money\":{\"country\":\"CI\","
                                + "\"operator\":\"mtn\",\"msisdn\":\"+22500000002\"}},\"return_url\":\"https://evil.example/\"}")
                .header("Authorization", "Bearer " + configured.sandboxKey()));
        assertRefused(response, "return_url");
    }
}
