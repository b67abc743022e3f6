package io.cauri.retrieveintent;

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
import io.cauri.time.Timestamps;
import io.cauri.token.IntentTokens;
import io.cauri.token.SigningKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /payment-intents/{id} and /status through the real Lambda handler, against DynamoDB Local. */
class RetrieveIntentFunctionTest {

    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static TestMerchants.Credentials other;
    static PaymentIntent intent;
    static String token;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        other = TestMerchants.fresh();
        intent = open(merchant, Mode.SANDBOX);
        token = function.context().getBean(IntentTokens.class).issue(intent);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent open(TestMerchants.Credentials owner, Mode mode) {
        return function.context().getBean(IntentLifecycle.class).create(Caller.server(owner.merchantId(), mode),
                new IntentLifecycle.NewIntent("order 42", "cust-7", 2500, Currency.XOF, null));
    }

    private static Response get(String path, TestMerchants.Credentials who, Mode mode) {
        return function.handle(ApiGatewayEvents.get(path).auth(who.merchantId(), who.key(mode), mode.wire()));
    }

    @Test
    void merchantReadsItsIntentWithEveryField() {
        Response response = get("/payment-intents/" + intent.id(), merchant, Mode.SANDBOX);
        assertEquals(200, response.status(), response.body());
        JsonNode body = response.json();
        assertEquals(intent.id(), body.get("id").asText());
        assertEquals(merchant.merchantId(), body.get("merchantId").asText());
        assertEquals(Timestamps.format(intent.createdAt()), body.get("createdAt").asText());
        assertEquals(Timestamps.format(intent.updatedAt()), body.get("updatedAt").asText());
        assertEquals(token, body.get("token").asText());
        assertEquals("order 42", body.get("purchaseReference").asText());
        assertEquals("cust-7", body.get("customerReference").asText());
        assertEquals("payment_required", body.get("status").asText());
        assertEquals(2500, body.get("amount").asLong());
        assertEquals("XOF", body.get("currency").asText());
        assertEquals(0, body.get("payments").size());
        assertEquals("sandbox", body.get("mode").asText());
        assertFalse(body.has("overrideBusinessName"));
    }

    @Test
    void statusRouteAnswersIdAndStatusOnly() {
        Response response = get("/payment-intents/" + intent.id() + "/status", merchant, Mode.SANDBOX);
        assertEquals(200, response.status(), response.body());
        JsonNode body = response.json();
        assertEquals(intent.id(), body.get("id").asText());
        assertEquals("payment_required", body.get("status").asText());
        assertEquals(2, body.size());
    }

    @Test
    void tokenReadsItsIntentWithoutHeaders() {
        Response full = function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id()).query("token", token));
        assertEquals(200, full.status(), full.body());
        assertEquals(intent.id(), full.json().get("id").asText());
        Response status = function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/status")
                .query("token", token));
        assertEquals(200, status.status(), status.body());
        assertEquals("payment_required", status.json().get("status").asText());
    }

    @Test
    void tokenOfIntentAOnIntentBIs401() {
        PaymentIntent b = open(merchant, Mode.SANDBOX);
        for (String suffix : new String[]{"", "/status"}) {
            Response response = function.handle(ApiGatewayEvents.get("/payment-intents/" + b.id() + suffix)
                    .query("token", token));
            assertError(response, 401, "unauthorized");
        }
    }

    @Test
    void tamperedTokenIs401() {
        String[] parts = token.split("\\.");
        char last = parts[1].charAt(parts[1].length() - 2);
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + (last == 'A' ? 'B' : 'A')
                + parts[1].charAt(parts[1].length() - 1) + "." + parts[2];
        assertError(function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id()).query("token", tampered)),
                401, "unauthorized");
        char replaced = parts[2].charAt(10) == 'x' ? 'y' : 'x'; // always a different character (was 1 in 64 the same)
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + replaced + parts[2].substring(11);
        assertError(function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id()).query("token", badSignature)),
                401, "unauthorized");
    }

    @Test
    void unsignedTokenIs401() {
        String[] parts = token.split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertError(function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id()).query("token", none)),
                401, "unauthorized");
    }

    @Test
    void expiredTokenIs401() {
        // Same key, an intent created two days ago, a one-hour lifetime: its token expired a day ago.
        Instant longAgo = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        PaymentIntent old = new PaymentIntent(intent.id(), intent.merchantId(), intent.mode(), longAgo, longAgo,
                intent.purchaseReference(), intent.customerReference(), intent.status(), intent.amount(),
                intent.currency(), intent.payments(), null, null, null, intent.version(), null);
        IntentTokens shortLived = new IntentTokens(new SigningKey(LocalFunction.SIGNING_KEY.getBytes(StandardCharsets.UTF_8)),
                Duration.ofHours(1), Clock.fixed(Instant.now(), ZoneOffset.UTC));
        String expired = shortLived.issue(old);
        assertError(function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id()).query("token", expired)),
                401, "unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "a.b.c"})
    void malformedTokenIs401(String bad) {
        assertError(function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id()).query("token", bad)),
                401, "unauthorized");
    }

    @Test
    void anotherMerchantGets404() {
        assertError(get("/payment-intents/" + intent.id(), other, Mode.SANDBOX), 404, "not_found");
        assertError(get("/payment-intents/" + intent.id() + "/status", other, Mode.SANDBOX), 404, "not_found");
    }

    @Test
    void theSameMerchantInTheOtherModeGets404() {
        assertError(get("/payment-intents/" + intent.id(), merchant, Mode.LIVE), 404, "not_found");
        PaymentIntent live = open(merchant, Mode.LIVE);
        assertEquals(200, get("/payment-intents/" + live.id(), merchant, Mode.LIVE).status());
        assertError(get("/payment-intents/" + live.id(), merchant, Mode.SANDBOX), 404, "not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pi_doesNotExist00000000", "pi_short", "not-an-id", "pi_" + "x"})
    void unknownIntentIs404(String id) {
        assertError(get("/payment-intents/" + id, merchant, Mode.SANDBOX), 404, "not_found");
    }

    @Test
    void noCredentialsAtAllIs401() {
        assertError(function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id())), 401, "unauthorized");
    }

    @Test
    void wrongApiKeyIs401EvenWithAValidToken() {
        Response response = function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id())
                .query("token", token).auth(merchant.merchantId(), "sk_wrong", "sandbox"));
        assertError(response, 401, "unauthorized");
    }

    @Test
    void configuredUrlsAreReadWithTheIntentsToken() {
        var repository = function.context().getBean(io.cauri.merchant.MerchantRepository.class);
        var stored = repository.find(merchant.merchantId()).orElseThrow();
        repository.save(new io.cauri.merchant.Merchant(stored.id(), stored.name(), stored.apiKeys(),
                new io.cauri.merchant.Merchant.RedirectionUrls("https://shop.example/ok", "https://shop.example/ko", null, null)));
        Response response = function.handle(ApiGatewayEvents.get("/payment-intents/url/" + token));
        assertEquals(200, response.status(), response.body());
        JsonNode urls = response.json();
        assertEquals("https://shop.example/ok", urls.get("onSuccessRedirectionUrl").asText());
        assertEquals("https://shop.example/ko", urls.get("onFailedRedirectionUrl").asText());
        assertTrue(urls.has("onCancelRedirectionUrl") && urls.get("onCancelRedirectionUrl").isNull());
        assertError(function.handle(ApiGatewayEvents.get("/payment-intents/url/not-a-token")), 401, "unauthorized");
    }

    static void assertError(Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        JsonNode error = response.json();
        assertEquals(status, error.get("status").asInt());
        assertEquals(code, error.get("code").asText());
        assertTrue(error.get("request_id").asText().startsWith("req_"));
        assertFalse(response.body().contains("Exception"), response.body());
    }
}
