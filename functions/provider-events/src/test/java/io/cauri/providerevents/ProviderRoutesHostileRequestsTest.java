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
    static List<Target> waveEvents = new ArrayList<>();
    static List<Target> fedapayEvents = new ArrayList<>();
    static List<Target> mtnHints = new ArrayList<>();
    static final String SECRET = java.util.UUID.randomUUID().toString();
    static final String WAVE_SECRET = java.util.UUID.randomUUID().toString();
    static final String FEDAPAY_SECRET = java.util.UUID.randomUUID().toString();

    /** hex HMAC-SHA256 of {@code data} with {@code secret}. */
    static String hmac(String secret, String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

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
        // every wait longer than a slow run: the fixtures' debit claims (5 min by default) expiring mid-run, or their
        // sandbox payers answering (a CI run of this class took 582 s: two payments settled at the 10-minute payer
        // delay, 4 ledger items), would change the item counts that show a refused request wrote nothing
        function = new LocalFunction(Map.of("cauri.providers.mtn.sandbox-callback-secret", SECRET, "cauri.sandbox.payer-delay", "2h", "cauri.payments.provider-window", "2h", "cauri.payments.duplicate-debit-window", "1h",
                "cauri.connectors.wave.webhookSecret", WAVE_SECRET, "cauri.connectors.fedapay.webhookSecret", FEDAPAY_SECRET));
        merchant = TestMerchants.fresh();
        for (int i = 0; i < 3; i++) {
            PaymentIntent waiting = Fixtures.attempt(function, merchant, Mode.SANDBOX,
                    Fixtures.intent(function, merchant, Mode.SANDBOX), "SN", "wave", "00000001");
            targets.add(Target.of(waiting.payments().get(0).id(), List.of(), List.of("{}"), List.of()));
            PaymentIntent ussd = Fixtures.attempt(function, merchant, Mode.SANDBOX,
                    Fixtures.intent(function, merchant, Mode.SANDBOX), "CI", "mtn", "00000001");
            String body = "{\"paymentId\":\"" + ussd.payments().get(0).id() + "\",\"outcome\":\"failed\",\"failureCode\":\"timeout\"}";
            providers.add(Target.of("mtn", List.of(Map.of("cauri-provider-signature", sign(body))), List.of(body), List.of()));
            // the live connectors' events, validly signed (at start: the run stays within the 5-minute tolerance),
            // naming a sandbox payment: no connector may settle it, so even the valid request is 404
            String paymentId = ussd.payments().get(0).id();
            long t = java.time.Instant.now().getEpochSecond();
            String wave = "{\"id\":\"EV_1\",\"type\":\"checkout.session.completed\",\"data\":{\"id\":\"cos-1\","
                    + "\"amount\":\"1000\",\"currency\":\"XOF\",\"client_reference\":\"" + paymentId + "\","
                    + "\"checkout_status\":\"complete\",\"payment_status\":\"succeeded\"}}";
            waveEvents.add(Target.of(null, List.of(Map.of("wave-signature", "t=" + t + ",v1=" + hmac(WAVE_SECRET, t + wave))),
                    List.of(wave), List.of()));
            String fedapay = "{\"id\":1,\"name\":\"transaction.approved\",\"entity\":{\"id\":1001,\"amount\":1000,"
                    + "\"status\":\"approved\",\"custom_metadata\":{\"cauri_payment_id\":\"" + paymentId + "\"}}}";
            fedapayEvents.add(Target.of(null, List.of(Map.of("x-fedapay-signature", "t=" + t + ",s=" + hmac(FEDAPAY_SECRET, t + "." + fedapay))),
                    List.of(fedapay), List.of()));
            mtnHints.add(Target.of(paymentId, List.of(), List.of("{\"status\":\"SUCCESSFUL\"}"), List.of()));
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

    @Provide
    Arbitrary<Request> waveEvent() {
        return HostileRequests.requests(new Route("POST", "/providers/wave/events", List.of(), waveEvents));
    }

    @Provide
    Arbitrary<Request> fedapayEvent() {
        return HostileRequests.requests(new Route("POST", "/providers/fedapay/events", List.of(), fedapayEvents));
    }

    @Provide
    Arbitrary<Request> mtnHintPut() {
        return HostileRequests.requests(new Route("PUT", "/providers/mtn-momo/events/{id}", List.of(), mtnHints));
    }

    @Provide
    Arbitrary<Request> mtnHintPost() {
        return HostileRequests.requests(new Route("POST", "/providers/mtn-momo/events/{id}", List.of(), mtnHints));
    }

    @Property
    void waveEvent(@ForAll("waveEvent") Request request) {
        run.check(function, "POST /providers/wave/events", request);
    }

    @Property
    void fedapayEvent(@ForAll("fedapayEvent") Request request) {
        run.check(function, "POST /providers/fedapay/events", request);
    }

    @Property
    void mtnHintPut(@ForAll("mtnHintPut") Request request) {
        run.check(function, "PUT /providers/mtn-momo/events/{id}", request);
    }

    @Property
    void mtnHintPost(@ForAll("mtnHintPost") Request request) {
        run.check(function, "POST /providers/mtn-momo/events/{id}", request);
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
