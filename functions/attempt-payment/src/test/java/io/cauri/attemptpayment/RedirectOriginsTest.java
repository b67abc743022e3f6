package io.cauri.attemptpayment;

import io.cauri.intent.Currency;
import io.cauri.intent.IntentDetails;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
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
    /** The API's own public address, as the deployment configures it (template.yaml's PublicBaseUrl). */
    static final String PUBLIC_BASE = "https://api.cauri.example";
    static LocalFunction function;
    static TestMerchants.Credentials unconfigured;
    static TestMerchants.Credentials configured;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("cauri.sandbox.base-url", PUBLIC_BASE));
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
        return function.context().getBean(IntentLifecycle.class).create(Caller.server(merchant.merchantId(), mode),
                new IntentLifecycle.NewIntent(null, null, 1000, Currency.XOF, null),
                new IntentDetails(null, Map.of(), null, "CI", null, null), IntentLifecycle.CustomerSpec.NONE);
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

    static void assertPastTheRedirectPolicy(Response response) {
        assertEquals(400, response.status(), response.body());
        assertEquals("invalid_payment_processor", response.json().get("code").asText(), response.body());
        assertEquals("provider", response.json().get("param").asText(), response.body());
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

    /**
     * The hosted checkout sends itself ({@code <public base>/checkout?intent=…}) as the redirection URLs of a
     * wave attempt: accepted for a merchant with configured origins and in live, where that origin is not
     * the merchant's; another path on the API's host, or the path on another host, is still refused.
     */
    @Test
    void theHostedCheckoutMayBringThePayerBackToItselfOnly() {
        PaymentIntent configuredSandbox = open(configured, Mode.SANDBOX);
        Response sandbox = attempt(configuredSandbox, PUBLIC_BASE + "/checkout?intent=" + configuredSandbox.id());
        assertEquals(201, sandbox.status(), sandbox.body());
        // no live connector in this function: past the redirect policy, the attempt is refused on its provider
        PaymentIntent configuredLive = open(configured, Mode.LIVE);
        assertPastTheRedirectPolicy(attempt(configuredLive, PUBLIC_BASE + "/checkout?intent=" + configuredLive.id()));
        PaymentIntent unconfiguredLive = open(unconfigured, Mode.LIVE);
        assertPastTheRedirectPolicy(attempt(unconfiguredLive, PUBLIC_BASE + "/checkout?intent=" + unconfiguredLive.id()));
        for (String other : new String[]{PUBLIC_BASE + "/sandbox/payments/pay_x", PUBLIC_BASE + "/checkout/../phish",
                PUBLIC_BASE + "/checkoutx", "https://evil.example/checkout?intent=pi_x",
                "https://api.cauri.example.evil.example/checkout", "http://api.cauri.example/checkout"}) {
            assertRefused(attempt(open(configured, Mode.SANDBOX), other), "mobileMoney.onSuccessRedirectionUrl");
            assertRefused(attempt(open(unconfigured, Mode.LIVE), other), "mobileMoney.onSuccessRedirectionUrl");
        }
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
