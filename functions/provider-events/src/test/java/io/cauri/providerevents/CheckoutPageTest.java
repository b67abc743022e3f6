package io.cauri.providerevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /checkout?token= (and the return page ?intent=) and its assets through the real API handler, against DynamoDB Local. */
class CheckoutPageTest {

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

    static PaymentIntent intent() {
        return function.context().getBean(IntentLifecycle.class).create(Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent("order-1", "cust-1", 2500, Currency.XOF, null));
    }

    static String attribute(String html, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), name + " in " + html);
        return m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void aValidTokenGetsThePageWithTheIntentItsTokenAndTheMobileMoneyRoutes() throws Exception {
        PaymentIntent intent = intent();
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        Response response = function.handle(ApiGatewayEvents.get("/checkout").query("token", token));
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("text/html"));
        String html = response.body();
        assertEquals(intent.id(), attribute(html, "data-intent-id"));
        assertEquals(token, attribute(html, "data-token"));
        assertEquals("sandbox", attribute(html, "data-mode"));
        assertEquals("Test merchant " + merchant.merchantId(), attribute(html, "data-merchant-name"));
        assertTrue(html.contains("<script src=\"/pages/checkout.js\"></script>"));

        JsonNode routes = new ObjectMapper().readTree(attribute(html, "data-routes"));
        Set<String> offered = new HashSet<>();
        routes.forEach(r -> offered.add(r.get("country").asText() + "/" + r.get("provider").asText() + "/" + r.get("currency").asText()));
        assertTrue(offered.containsAll(Set.of("CI/orange/XOF", "CI/wave/XOF", "SN/free/XOF", "CM/mtn/XAF", "GN/orange/GNF")), offered.toString());
        assertFalse(offered.stream().anyMatch(r -> r.contains("/card/")), "no card form on this page");
        JsonNode first = routes.get(0);
        assertTrue(first.has("name") && first.get("minAmount").isNumber() && first.get("maxAmount").isNumber(), first.toString());

        String csp = response.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self';") && csp.contains("connect-src 'self';")
                && csp.contains("form-action 'self';") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertEquals("same-origin", response.header("Referrer-Policy"), "the URL carries the token");
        assertEquals("no-store", response.header("Cache-Control"));
    }

    @Test
    void theTokenIsNeverInAPathAndTheReturnPageHoldsNone() {
        PaymentIntent intent = intent();
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        Response inPath = function.handle(ApiGatewayEvents.get("/checkout/" + token));
        assertEquals(404, inPath.status(), "no route takes the token in its path: " + inPath.body());

        Response back = function.handle(ApiGatewayEvents.get("/checkout").query("intent", intent.id()));
        assertEquals(200, back.status(), back.body());
        assertEquals(intent.id(), attribute(back.body(), "data-intent-id"));
        assertFalse(back.body().contains(token), "the return page holds no token");
        assertFalse(back.body().contains("id=\"pay\""));
        assertTrue(back.body().contains("<script src=\"/pages/checkout.js\"></script>"));
        // the script resumes with the token its tab kept, and sends payers back without it
        String js = function.handle(ApiGatewayEvents.get("/pages/checkout.js")).body();
        assertTrue(js.contains("sessionStorage.setItem") && js.contains("'/checkout?intent='"), "checkout.js");
        assertFalse(js.contains("location.href.split"), "the page's own URL (with its token) is never a redirection URL");

        for (String bad : new String[]{"nonsense", "pi_", ""}) {
            Response refused = function.handle(ApiGatewayEvents.get("/checkout").query("intent", bad));
            assertEquals(401, refused.status(), bad);
            assertTrue(refused.body().contains("id=\"invalid-link\""));
        }
        assertEquals(401, function.handle(ApiGatewayEvents.get("/checkout")).status());
    }

    @Test
    void theIntentsBusinessNameIsLeftToTheScriptWhichWritesItAsText() {
        PaymentIntent intent = function.context().getBean(IntentLifecycle.class).create(
                Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent("order-2", "cust-1", 2500, Currency.XOF, "<b>Shop</b>"));
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        String html = function.handle(ApiGatewayEvents.get("/checkout").query("token", token)).body();
        assertFalse(html.contains("Shop"), "the page itself holds no intent data");
    }

    @Test
    void aBadOrTamperedTokenGetsAnErrorPageAndNoForm() {
        String token = function.context().getBean(IntentTokens.class).issue(intent());
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (String bad : new String[]{"nonsense", tampered, "eyJhbGciOiJub25lIn0.eyJpbnRlbnRJZCI6InBpXzEifQ."}) {
            Response response = function.handle(ApiGatewayEvents.get("/checkout").query("token", bad));
            assertEquals(401, response.status(), bad);
            assertTrue(response.header("Content-Type").startsWith("text/html"));
            assertTrue(response.body().contains("id=\"invalid-link\""), response.body());
            assertFalse(response.body().contains("id=\"pay\""));
            assertTrue(response.header("Content-Security-Policy").contains("default-src 'none'"));
        }
    }

    @Test
    void theAssetsAreServedWithTheirTypesAndNothingElseIs() {
        Response js = function.handle(ApiGatewayEvents.get("/pages/checkout.js"));
        assertEquals(200, js.status(), js.body());
        assertTrue(js.header("Content-Type").startsWith("text/javascript"), js.header("Content-Type"));
        assertEquals("nosniff", js.header("X-Content-Type-Options"));
        assertTrue(js.body().contains("'/payment-intents/'"), "the script calls the token routes");
        assertFalse(js.body().contains("innerHTML"), "values are written as text only");

        Response sandboxJs = function.handle(ApiGatewayEvents.get("/pages/sandbox-payment.js"));
        assertEquals(200, sandboxJs.status());
        assertFalse(sandboxJs.body().contains("innerHTML"));

        Response css = function.handle(ApiGatewayEvents.get("/pages/pages.css"));
        assertEquals(200, css.status());
        assertTrue(css.header("Content-Type").startsWith("text/css"), css.header("Content-Type"));

        for (String other : new String[]{"/pages/application.yml", "/pages/..%2Fapplication.yml", "/pages/checkout.JS"}) {
            Response response = function.handle(ApiGatewayEvents.get(other));
            assertEquals(404, response.status(), other);
            assertEquals("not_found", response.json().get("code").asText());
        }
    }
}
