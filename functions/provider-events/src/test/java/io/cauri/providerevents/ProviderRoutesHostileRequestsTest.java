package io.cauri.providerevents;

import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.cauri.testing.Fixtures;
import io.cauri.testing.HostileRequests;
import io.cauri.testing.HostileRequests.Request;
import io.cauri.testing.HostileRequests.Route;
import io.cauri.testing.HostileRequests.Target;
import io.cauri.testing.HostileRun;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.TestMerchants;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hostile requests per route through the real handler: no 5xx, and a refused request writes nothing. */
class ProviderRoutesHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static List<Target> none = new ArrayList<>();
    static List<Target> targets = new ArrayList<>();
    static List<Target> providers = new ArrayList<>();
    static final String SECRET = java.util.UUID.randomUUID().toString();

    static String sign(String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            // signed at start: the run must stay within the 5-minute tolerance (it does with the default tries)
            long t = java.time.Instant.now().getEpochSecond();
            return "t=" + t + ",v1=" + java.util.HexFormat.of().formatHex(
                    mac.doFinal((t + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction(Map.of("cauri.providers.mtn.sandbox-callback-secret", SECRET, "cauri.sandbox.payer-delay", "10m", "cauri.payments.provider-window", "10m"));
        merchant = TestMerchants.fresh();
        for (int i = 0; i < 3; i++) {
            PaymentIntent waiting = Fixtures.attempt(function, merchant, Mode.SANDBOX,
                    Fixtures.intent(function, merchant, Mode.SANDBOX), "SN", "wave", "00000001");
            targets.add(Target.of(waiting.payments().get(0).id(), List.of(), List.of("{}"), List.of()));
            PaymentIntent ussd = Fixtures.attempt(function, merchant, Mode.SANDBOX,
                    Fixtures.intent(function, merchant, Mode.SANDBOX), "CI", "mtn", "00000001");
            String body = "{\"paymentId\":\"" + ussd.payments().get(0).id() + "\",\"outcome\":\"failed\",\"failureCode\":\"timeout\"}";
            providers.add(Target.of("mtn", List.of(Map.of("cauri-provider-signature", sign(body))), List.of(body), List.of()));
        }
    }

    @AfterContainer
    static void stop() {
        function.close();
    }

    @AfterProperty
    void report() {
        run.report();
    }

    @Provide
    Arbitrary<Request> sandboxPage() {
        return HostileRequests.requests(new Route("GET", "/sandbox/payments/{id}", List.of(), targets));
    }

    @Provide
    Arbitrary<Request> sandboxApprove() {
        return HostileRequests.requests(new Route("POST", "/sandbox/payments/{id}/approve", List.of(), targets));
    }

    @Provide
    Arbitrary<Request> sandboxDecline() {
        return HostileRequests.requests(new Route("POST", "/sandbox/payments/{id}/decline", List.of(), targets));
    }

    @Provide
    Arbitrary<Request> callback() {
        return HostileRequests.requests(new Route("POST", "/providers/{id}/callbacks", List.of(), providers));
    }

    @Property
    void sandboxPage(@ForAll("sandboxPage") Request request) {
        run.check(function, "GET /sandbox/payments/{id}", request);
    }

    @Property
    void sandboxApprove(@ForAll("sandboxApprove") Request request) {
        run.check(function, "POST /sandbox/payments/{id}/approve", request);
    }

    @Property
    void sandboxDecline(@ForAll("sandboxDecline") Request request) {
        run.check(function, "POST /sandbox/payments/{id}/decline", request);
    }

    @Property
    void callback(@ForAll("callback") Request request) {
        run.check(function, "POST /providers/{id}/callbacks", request);
    }
}
