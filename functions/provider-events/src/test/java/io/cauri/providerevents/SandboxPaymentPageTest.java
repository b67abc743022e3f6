package io.cauri.providerevents;

import io.cauri.intent.Currency;
import io.cauri.intent.IntentDetails;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
import io.cauri.refusal.InvalidPaymentException;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentMethod;
import io.cauri.provider.ProviderCoverage;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox redirection page (wave, card) through the real API handler, against DynamoDB Local. */
class SandboxPaymentPageTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=\"/pages/)[^>]*>");

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

    static PaymentIntent redirected(Mode mode, String msisdn, String successUrl) {
        return redirected(mode, msisdn, successUrl, "Boutique <Awa>", IntentDetails.NONE);
    }

    static PaymentIntent redirected(Mode mode, String msisdn, String successUrl, String businessName,
                                    IntentDetails details) {
        Caller server = Caller.server(merchant.merchantId(), mode);
        PaymentIntent intent = function.context().getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent("order-1", "cust-1", 1500, Currency.XOF, businessName),
                details, IntentLifecycle.CustomerSpec.NONE);
        return function.context().getBean(PaymentAttempts.class).attempt(server, intent.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "wave", msisdn, null, successUrl,
                        successUrl == null ? null : successUrl + "/echec"), false);
    }

    static String page(PaymentIntent intent) {
        return "/sandbox/payments/" + intent.payments().get(0).id();
    }

    static PaymentIntent stored(PaymentIntent intent) {
        return function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
    }

    @Test
    void thePageShowsTheAmountTheMerchantAndTheChoices() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", null);
        Response response = function.handle(ApiGatewayEvents.get(page(intent)));
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("text/html"));
        assertTrue(response.body().contains("<p class=\"amount\" id=\"amount\">1\u00a0500\u00a0XOF</p>"), response.body());
        assertTrue(response.body().contains("<h1 id=\"merchant\">Boutique &lt;Awa&gt;</h1>"), response.body());
        assertFalse(response.body().contains("<Awa>"));
        assertTrue(response.body().contains("Wave · 00000001"), response.body());
        assertTrue(response.body().contains("id=\"approve\"") && response.body().contains("id=\"decline\""));
    }

    @Test
    void theCountdownRunsToTheEndOfTheProviderWindow() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", null);
        Response response = function.handle(ApiGatewayEvents.get(page(intent)));
        String deadline = intent.payments().get(0).createdAt().plus(Duration.ofMinutes(10)).toString();
        assertTrue(response.body().contains("data-deadline=\"" + deadline + "\""), response.body());
        // rendered on the server too (the window is 10 minutes; a slow machine may have used a few seconds)
        assertTrue(Pattern.compile("id=\"remaining\">(10:00|09:[0-5][0-9])<").matcher(response.body()).find(), response.body());
    }

    @Test
    void withoutABusinessNameThePageNamesTheMerchantAndEscapesTheDescription() {
        IntentDetails details = new IntentDetails("<img src=x onerror=alert(1)> \"Order\" & co", Map.of(), null, "CI", null, null);
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", null, null, details);
        String body = function.handle(ApiGatewayEvents.get(page(intent))).body();
        assertTrue(body.contains("<h1 id=\"merchant\">Test merchant " + merchant.merchantId() + "</h1>"), body);
        assertTrue(body.contains("&lt;img src=x onerror=alert(1)&gt; &quot;Order&quot; &amp; co"), body);
        assertFalse(body.contains("<img"), body);
    }

    @Test
    void thePageRunsNoInlineScriptAndCannotBeFramed() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", "https://shop.example/merci?order=1");
        Response response = function.handle(ApiGatewayEvents.get(page(intent)));
        String csp = response.header("Content-Security-Policy");
        assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                + "form-action 'self' https://shop.example; frame-ancestors 'none'; base-uri 'none'", csp);
        assertEquals("DENY", response.header("X-Frame-Options"));
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("same-origin", response.header("Referrer-Policy"));
        assertEquals("no-store", response.header("Cache-Control"));
        assertFalse(INLINE_SCRIPT.matcher(response.body()).find(), response.body());
        assertFalse(response.body().contains(" style=") || response.body().contains("<style"), "styles come from /pages/pages.css");
        assertTrue(response.body().contains("<script src=\"/pages/sandbox-payment.js\"></script>"));
    }

    @Test
    void approvingPaysAndSendsThePayerToTheMerchantsSuccessUrl() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", "https://shop.example/merci");
        Response response = function.handle(ApiGatewayEvents.request("POST", page(intent) + "/approve"));
        assertEquals(303, response.status(), response.body());
        assertEquals("https://shop.example/merci", response.header("Location"));
        assertEquals(IntentStatus.SUCCESSFUL, stored(intent).status());
        Response after = function.handle(ApiGatewayEvents.get(page(intent)));
        assertTrue(after.body().contains("data-status=\"successful\""), after.body());
        assertTrue(after.body().contains("Paiement approuvé"), after.body());
        assertTrue(after.body().contains("<a id=\"return\" class=\"button\" href=\"https://shop.example/merci\">"), after.body());
        assertFalse(after.body().contains("id=\"approve\""));
        assertFalse(after.body().contains("id=\"countdown\""));
    }

    @Test
    void thePagesOwnFormPostIsAcceptedAsABrowserSendsIt() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", null);
        Response response = function.handle(ApiGatewayEvents.request("POST", page(intent) + "/approve")
                .header("Host", "127.0.0.1:3000").header("Origin", "http://127.0.0.1:3000")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "same-origin")
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").body(""));
        assertEquals(303, response.status(), response.body());
        assertEquals(IntentStatus.SUCCESSFUL, stored(intent).status());
    }

    /**
     * Another site's page cannot make the payer's browser approve or decline (a cross-site form post): the
     * post is refused 403 and the payment is untouched, behind API Gateway (any Host) and on a local host
     * (where a local Origin such as another dev server passes Micronaut's own guard).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} {2} {3}")
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "-", value = {
            "approve, api.cauri.example, https://evil.example, cross-site",
            "decline, api.cauri.example, https://evil.example, cross-site",
            "approve, api.cauri.example, https://evil.example, -",
            "approve, api.cauri.example, null, cross-site",
            "approve, api.cauri.example, null, -",
            "approve, api.cauri.example, -, cross-site",
            "approve, api.cauri.example, -, same-site",
            "approve, api.cauri.example, https://api.cauri.example.evil.example, -",
            "approve, 127.0.0.1:3000, http://localhost:5173, cross-site",
            "decline, 127.0.0.1:3000, http://127.0.0.1:8080, same-site",
            "approve, 127.0.0.1:3000, http://127.0.0.1:8080, -"})
    void aCrossOriginFormPostIsRefusedAndChangesNothing(String choice, String host, String origin, String site) {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", "https://shop.example/merci");
        ApiGatewayEvents post = ApiGatewayEvents.request("POST", page(intent) + "/" + choice).header("Host", host)
                .header("Content-Type", "application/x-www-form-urlencoded").body("");
        if (origin != null) {
            post = post.header("Origin", origin);
        }
        if (site != null) {
            post = post.header("Sec-Fetch-Site", site);
        }
        Response response = function.handle(post);
        assertEquals(403, response.status(), response.body());
        assertEquals("forbidden", response.json().get("code").asText(), response.body());
        assertEquals("Origin", response.json().get("param").asText(), response.body());
        assertEquals(null, response.header("Location"));
        PaymentIntent after = stored(intent);
        assertEquals(IntentStatus.ACTION_REQUIRED, after.status());
        assertEquals(intent.updatedAt(), after.updatedAt(), "the intent is unchanged");
        assertEquals(io.cauri.intent.PaymentStatus.ACTION_REQUIRED, after.payments().get(0).status());
    }

    /** The page's own post behind API Gateway: same origin as the API's host. */
    @Test
    void theSameOriginPostBehindApiGatewayIsAccepted() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", null);
        Response response = function.handle(ApiGatewayEvents.request("POST", page(intent) + "/decline")
                .header("Host", "api.cauri.example").header("Origin", "https://api.cauri.example")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "same-origin")
                .body(""));
        assertEquals(303, response.status(), response.body());
        assertEquals("canceled_by_customer", stored(intent).lastPaymentFailure().code().wire());
    }

    /**
     * Behind a proxy that rewrites Host (CloudFront on a custom domain forwards the API Gateway host), the
     * page's own post carries the public origin: compared with the configured public base URL, it is
     * accepted; another origin is still refused. Without a configured base URL, Host is compared (the tests above).
     */
    @Test
    void behindAHostRewritingProxyThePublicBaseUrlIsTheSameOrigin() {
        try (LocalFunction behindProxy = new LocalFunction(Map.of("cauri.payments.provider-window", "10m",
                "cauri.sandbox.base-url", "https://pay.cauri.example"))) {
            PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", null);
            Response refused = behindProxy.handle(ApiGatewayEvents.request("POST", page(intent) + "/approve")
                    .header("Host", "abc123.execute-api.eu-west-1.amazonaws.com").header("Origin", "https://evil.example")
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "same-origin")
                    .body(""));
            assertEquals(403, refused.status(), refused.body());
            assertEquals(IntentStatus.ACTION_REQUIRED, stored(intent).status());
            Response response = behindProxy.handle(ApiGatewayEvents.request("POST", page(intent) + "/approve")
                    .header("Host", "abc123.execute-api.eu-west-1.amazonaws.com").header("Origin", "https://pay.cauri.example")
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "same-origin")
                    .body(""));
            assertEquals(303, response.status(), response.body());
            assertEquals(IntentStatus.SUCCESSFUL, stored(intent).status());
        }
    }

    @Test
    void approvingWithAnEmptyAccountFailsWithThatReason() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000002", null);
        assertEquals(303, function.handle(ApiGatewayEvents.request("POST", page(intent) + "/approve")).status());
        assertEquals("customer_insufficient_funds", stored(intent).lastPaymentFailure().code().wire());
        String body = function.handle(ApiGatewayEvents.get(page(intent))).body();
        assertTrue(body.contains("data-status=\"failed\"") && body.contains("(customer_insufficient_funds)"), body);
    }

    @Test
    void decliningFailsAsCanceledByCustomer() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", null);
        Response response = function.handle(ApiGatewayEvents.request("POST", page(intent) + "/decline"));
        assertEquals(303, response.status());
        assertEquals(page(intent), response.header("Location"));
        PaymentIntent stored = stored(intent);
        assertEquals(IntentStatus.PAYMENT_REQUIRED, stored.status());
        assertEquals("canceled_by_customer", stored.lastPaymentFailure().code().wire());
        String body = function.handle(ApiGatewayEvents.get(page(intent))).body();
        assertTrue(body.contains("Paiement refusé") && body.contains("(canceled_by_customer)"), body);
        assertFalse(body.contains("id=\"return\""), "no URL given, no way back to show");
    }

    @Test
    void decliningSendsThePayerToTheFailureUrl() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", "https://shop.example/merci");
        Response response = function.handle(ApiGatewayEvents.request("POST", page(intent) + "/decline"));
        assertEquals(303, response.status());
        assertEquals("https://shop.example/merci/echec", response.header("Location"));
    }

    @Test
    void aSecondChoiceChangesNothing() {
        PaymentIntent intent = redirected(Mode.SANDBOX, "00000001", null);
        function.handle(ApiGatewayEvents.request("POST", page(intent) + "/decline"));
        Response again = function.handle(ApiGatewayEvents.request("POST", page(intent) + "/approve"));
        assertEquals(303, again.status());
        assertEquals(IntentStatus.PAYMENT_REQUIRED, stored(intent).status());
        assertEquals("canceled_by_customer", stored(intent).lastPaymentFailure().code().wire());
    }

    @Test
    void aCardPaymentHasThePageTooAndSucceedsWhenApproved() {
        Caller server = Caller.server(merchant.merchantId(), Mode.SANDBOX);
        PaymentIntent intent = function.context().getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent("order-2", "cust-1", 7000, Currency.XAF, null));
        intent = function.context().getBean(PaymentAttempts.class).attempt(server, intent.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.CREDIT_CARD, "CM", ProviderCoverage.CARD, null, null, null, null), false);
        String body = function.handle(ApiGatewayEvents.get(page(intent))).body();
        assertTrue(body.contains("<p class=\"amount\" id=\"amount\">7\u00a0000\u00a0XAF</p>"), body);
        assertTrue(body.contains("<p class=\"muted\" id=\"payer\">Carte bancaire</p>"), body);
        assertEquals(303, function.handle(ApiGatewayEvents.request("POST", page(intent) + "/approve")).status());
        assertEquals(IntentStatus.SUCCESSFUL, stored(intent).status());
    }

    @Test
    void unknownPaymentsHaveNoPage() {
        assertEquals(404, function.handle(ApiGatewayEvents.get("/sandbox/payments/pay_unknown")).status());
        assertEquals(404, function.handle(ApiGatewayEvents.get("/sandbox/payments/pay_000000000000000000000")).status());
        assertEquals(404, function.handle(ApiGatewayEvents.request("POST", "/sandbox/payments/pay_000000000000000000000/approve")).status());
    }

    @Test
    void liveAttemptsAreRefusedUntilALiveProviderIsConnected() {
        assertThrows(InvalidPaymentException.class, () -> redirected(Mode.LIVE, "00000001", null));
    }
}
