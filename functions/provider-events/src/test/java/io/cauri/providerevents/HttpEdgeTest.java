package io.cauri.providerevents;

import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentMethod;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.HttpEdge;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox payment page (HTML) keeps working under the security headers: its policy allows its inline
 * style and nothing else, and no page may frame it. Through the real handler against DynamoDB Local.
 */
class HttpEdgeTest {
    static MovableClock clock;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        clock = HttpEdge.windowAlignedClock();
        function = new LocalFunction(Map.of("cauri.rate-limits.enabled", true, "cauri.payments.provider-window", "10m"), clock);
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @Test
    void theSandboxPageCarriesTheSecurityHeadersWithAPolicyForItsHtml() {
        Caller server = Caller.server(merchant.merchantId(), Mode.SANDBOX);
        PaymentIntent intent = function.context().getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent("order-1", "cust-1", 1500, Currency.XOF, null));
        intent = function.context().getBean(PaymentAttempts.class).attempt(server, intent.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "wave", "00000001", null, null, null), false);
        Response page = function.handle(ApiGatewayEvents.get("/sandbox/payments/" + intent.payments().get(0).id())
                .sourceIp(HttpEdge.freshIp()));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("id=\"approve\""), page.body());
        // The page's own policy (static assets under /pages/, no inline script) and same-origin referrers
        // (its forms post to itself; with no-referrer Chrome sends Origin: null); the filter's other headers.
        assertEquals("max-age=63072000; includeSubDomains", page.header("Strict-Transport-Security"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertEquals("no-store", page.header("Cache-Control"));
        assertEquals("same-origin", page.header("Referrer-Policy"));
        String policy = page.header("Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'none'; script-src 'self'; style-src 'self'"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"), policy);
        assertEquals("50", page.header("RateLimit-Limit"), "the default row");
        HttpEdge.assertNoCors(page, "GET /sandbox/payments/{id}");
    }
}
