package io.cauri.providerevents;

import com.sun.net.httpserver.HttpServer;
import io.cauri.intent.Currency;
import io.cauri.intent.FailureCode;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.provider.PaymentMethod;
import io.cauri.simulator.fedapay.FedaPaySimulator;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import io.cauri.simulator.wave.WaveSimulator;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The live connectors' event routes ({@code POST /providers/wave/events}, {@code POST /providers/fedapay/events},
 * {@code PUT|POST /providers/mtn-momo/events/{paymentId}}) through the real API handler and DynamoDB Local, with
 * the real connectors pointed at the three providers' simulators on 127.0.0.1. The payments are made by real live
 * attempts ({@link PaymentAttempts}: gatewayId and provider reference stored as in production); the webhooks are
 * the ones the simulators send, caught by a local receiver and replayed byte for byte, headers included, into the
 * handler.
 */
class ConnectorEventRoutesTest {
    static final String WAVE_KEY = "wave_ci_prod_events-test";
    static final String WAVE_SECRET = "wave_ci_WHS_" + java.util.UUID.randomUUID();
    static final String FEDAPAY_KEY = "sk_live_events-test";
    static final String FEDAPAY_SECRET = "wh_live_" + java.util.UUID.randomUUID();
    static final MtnMomoSimulator.Credentials MTN = new MtnMomoSimulator.Credentials("sub-key-events",
            "0f5f4c1e-6a7b-4c3d-9e8f-1a2b3c4d5e6f", "mtn-api-key-events");
    /** An MTN payer whose request stays PENDING forever (MTN's sandbox number for ONGOING). */
    static final String MTN_NEVER_ANSWERS = "46733123453";

    record Delivery(String method, String path, String signature, String body) {
    }

    static final List<Delivery> received = new CopyOnWriteArrayList<>();
    static HttpServer receiver;
    static WaveSimulator wave;
    static FedaPaySimulator fedapay;
    static MtnMomoSimulator mtn;
    static MovableClock clock;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    static final String GENERIC_LIVE_SECRET = "generic_mtn_live_callback_secret";
    static final String GENERIC_SANDBOX_SECRET = "generic_mtn_sandbox_callback_secret";

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                String signature = exchange.getRequestHeaders().getFirst("Wave-Signature");
                if (signature == null) {
                    signature = exchange.getRequestHeaders().getFirst("X-FEDAPAY-SIGNATURE");
                }
                received.add(new Delivery(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        signature, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        String here = "http://127.0.0.1:" + receiver.getAddress().getPort();
        wave = WaveSimulator.start(WaveSimulator.Settings.of(WAVE_KEY)
                .withWebhooks(URI.create(here + "/wave"), List.of(WAVE_SECRET)), 0);
        fedapay = FedaPaySimulator.start(FedaPaySimulator.Settings.of(FEDAPAY_KEY)
                .withWebhook(URI.create(here + "/fedapay"), FEDAPAY_SECRET).withPayerDelay(Duration.ofMillis(200)), 0);
        mtn = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(MTN).withCurrency("XOF")
                .withTargetEnvironment("mtnivorycoast").withPayerDelay(Duration.ofMillis(200)), 0);

        Map<String, Object> p = new HashMap<>();
        p.put("test.live-connectors", "true");
        p.put("cauri.connectors.wave.baseUrl", wave.baseUrl().toString());
        p.put("cauri.connectors.wave.apiKey", WAVE_KEY);
        p.put("cauri.connectors.wave.webhookSecret", WAVE_SECRET);
        p.put("cauri.connectors.fedapay.baseUrl", fedapay.baseUrl().toString());
        p.put("cauri.connectors.fedapay.secretKey", FEDAPAY_KEY);
        p.put("cauri.connectors.fedapay.webhookSecret", FEDAPAY_SECRET);
        p.put("cauri.connectors.mtn-momo.baseUrl", mtn.baseUrl());
        p.put("cauri.connectors.mtn-momo.subscriptionKey", MTN.subscriptionKey());
        p.put("cauri.connectors.mtn-momo.apiUser", MTN.apiUser());
        p.put("cauri.connectors.mtn-momo.apiKey", MTN.apiKey());
        p.put("cauri.connectors.mtn-momo.targetEnvironment", "mtnivorycoast");
        p.put("cauri.connectors.mtn-momo.currency", "XOF");
        p.put("cauri.connectors.mtn-momo.callbackUrl", here + "/providers/mtn-momo/events/{paymentId}");
        // the normalised callback route of the sandbox provider "mtn" (ProviderCallbackController), both modes
        p.put("cauri.providers.mtn.callback-secret", GENERIC_LIVE_SECRET);
        p.put("cauri.providers.mtn.sandbox-callback-secret", GENERIC_SANDBOX_SECRET);
        // no scheduled check or sandbox payer comes round during a test: what changes a payment is the event
        p.put("cauri.payments.provider-window", "10m");
        p.put("cauri.sandbox.payer-delay", "10m");
        clock = new MovableClock(Instant.now());
        function = new LocalFunction(p, clock);
        merchant = TestMerchants.freshAllowingRepeatDebits(); // several live attempts with a simulator's outcome numbers
    }

    @AfterAll
    static void stop() {
        function.close();
        wave.close();
        fedapay.close();
        mtn.close();
        receiver.stop(0);
    }

    /** The function's clock at the real time (the simulators sign with the real time). */
    @BeforeEach
    void syncClock() {
        clock.advance(Duration.between(clock.instant(), Instant.now()));
    }

    // ---- fixtures ---------------------------------------------------------------------------------------------

    static PaymentIntent attempt(Mode mode, String country, String provider, String number) {
        Caller server = Caller.server(merchant.merchantId(), mode);
        PaymentIntent intent = function.context().getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent("order-" + System.nanoTime(), "cust-1", 2500, Currency.XOF, null));
        PaymentIntent attempted = function.context().getBean(PaymentAttempts.class).attempt(server, intent.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, country, provider, number, null,
                        "https://shop.example/paid", "https://shop.example/failed"), false);
        return stored(attempted);
    }

    /** A live Wave payment waiting on its checkout session (action_required, the session id stored). */
    static Payment liveWave() {
        Payment p = payment(attempt(Mode.LIVE, "CI", "wave", "+2250700000001"));
        assertEquals("wave", p.gatewayId());
        assertEquals(PaymentStatus.ACTION_REQUIRED, p.status(), String.valueOf(p));
        assertTrue(p.providerReference().startsWith("cos-"), p.providerReference());
        return p;
    }

    /** A live FedaPay payment (Moov Benin) whose payer was asked on the phone (the transaction id stored). */
    static Payment liveFedaPay(String number) {
        Payment p = payment(attempt(Mode.LIVE, "BJ", "moov", number));
        assertEquals("fedapay", p.gatewayId());
        assertEquals(PaymentStatus.ACTION_REQUIRED, p.status(), String.valueOf(p));
        assertNotNull(p.providerReference());
        return p;
    }

    /** A live MTN MoMo payment waiting for the payer's USSD approval. */
    static Payment liveMtn(String number) {
        Payment p = payment(attempt(Mode.LIVE, "CI", "mtn", number));
        assertEquals("mtn-momo", p.gatewayId());
        assertEquals(PaymentStatus.ACTION_REQUIRED, p.status(), String.valueOf(p));
        assertNotNull(p.providerReference());
        return p;
    }

    static Payment sandboxPayment() {
        Payment p = payment(attempt(Mode.SANDBOX, "CI", "mtn", "00000001"));
        assertEquals(null, p.gatewayId());
        return p;
    }

    static Payment payment(PaymentIntent intent) {
        return intent.payments().get(intent.payments().size() - 1);
    }

    static PaymentIntent stored(PaymentIntent intent) {
        return function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
    }

    static PaymentIntent stored(Payment payment) {
        return function.context().getBean(IntentRepository.class).find(payment.intentId()).orElseThrow();
    }

    static Payment now(Payment payment) {
        return stored(payment).payment(payment.id()).orElseThrow();
    }

    /** The first delivery the receiver got that matches, waiting up to 10 s for it. */
    static Delivery delivery(Predicate<Delivery> matches) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            for (Delivery d : received) {
                if (matches.test(d)) {
                    return d;
                }
            }
            Thread.sleep(20);
        }
        fail("no delivery arrived; received: " + received);
        return null;
    }

    static Delivery waveWebhook(String type, Payment payment) throws InterruptedException {
        return delivery(d -> d.path().equals("/wave") && d.body().contains("\"" + type + "\"")
                && d.body().contains(payment.id()));
    }

    static Delivery fedapayWebhook(String name, Payment payment) throws InterruptedException {
        return delivery(d -> d.path().equals("/fedapay") && d.body().contains("\"" + name + "\"")
                && d.body().contains(payment.id()));
    }

    static Response replayWave(Delivery d) {
        return wavePost(d.body(), d.signature());
    }

    static Response wavePost(String body, String signature) {
        ApiGatewayEvents request = ApiGatewayEvents.post("/providers/wave/events", body);
        if (signature != null) {
            request.header("Wave-Signature", signature);
        }
        return function.handle(request);
    }

    static Response fedapayPost(String body, String signature) {
        ApiGatewayEvents request = ApiGatewayEvents.post("/providers/fedapay/events", body);
        if (signature != null) {
            request.header("X-FEDAPAY-SIGNATURE", signature);
        }
        return function.handle(request);
    }

    static Response mtnHint(String method, String paymentId, String body) {
        return function.handle(ApiGatewayEvents.request(method, "/providers/mtn-momo/events/" + paymentId)
                .header("Content-Type", "application/json").body(body));
    }

    /** Wave's scheme: {@code t=<t>,v1=hex(HMAC-SHA256(secret, t + body))}. */
    static String waveSign(String secret, String body, long t) {
        return "t=" + t + ",v1=" + hmac(secret, t + body);
    }

    /** FedaPay's scheme: {@code t=<t>,s=hex(HMAC-SHA256(secret, t + "." + body))}. */
    static String fedapaySign(String secret, String body, long t) {
        return "t=" + t + ",s=" + hmac(secret, t + "." + body);
    }

    static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static long nowSeconds() {
        return Instant.now().getEpochSecond();
    }

    // ---- Wave ---------------------------------------------------------------------------------------------------

    @Test
    void aWaveCompletedWebhookSettlesThePaymentOnce() throws Exception {
        Payment payment = liveWave();
        wave.pay(payment.providerReference());
        Delivery webhook = waveWebhook(WaveSimulator.COMPLETED, payment);

        Response first = replayWave(webhook);
        assertEquals(204, first.status(), first.body());
        PaymentIntent settled = stored(payment);
        assertEquals(IntentStatus.SUCCESSFUL, settled.status());
        assertEquals(PaymentStatus.SUCCESSFUL, now(payment).status());

        // the same delivery again (a duplicate, or a replay within the tolerance): nothing changes, not even updatedAt
        assertEquals(204, replayWave(webhook).status());
        assertEquals(settled, stored(payment));
    }

    @Test
    void aDuplicatedWaveWebhookIsAppliedOnce() throws Exception {
        Payment payment = liveWave();
        wave.duplicateNextWebhooks(1);
        wave.pay(payment.providerReference());
        Delivery first = waveWebhook(WaveSimulator.COMPLETED, payment);
        Delivery second = delivery(d -> d != first && d.path().equals("/wave") && d.body().contains(payment.id()));
        assertEquals(first.body(), second.body(), "the simulator's duplicate is the same event");

        assertEquals(204, replayWave(first).status());
        PaymentIntent settled = stored(payment);
        assertEquals(IntentStatus.SUCCESSFUL, settled.status());
        assertEquals(204, replayWave(second).status());
        assertEquals(settled, stored(payment));
    }

    @Test
    void aWavePaymentFailedWebhookOnAnOpenSessionLeavesThePaymentWaiting() throws Exception {
        // payment_failed does not end a session: the payer may try again in the app; the session read says so
        Payment payment = liveWave();
        PaymentIntent before = stored(payment);
        wave.failPayment(payment.providerReference(), "insufficient-funds");
        Response response = replayWave(waveWebhook(WaveSimulator.PAYMENT_FAILED, payment));
        assertEquals(204, response.status(), response.body());
        assertEquals(before, stored(payment));
        // the payer tries again and pays: that event settles it
        wave.pay(payment.providerReference());
        assertEquals(204, replayWave(waveWebhook(WaveSimulator.COMPLETED, payment)).status());
        assertEquals(IntentStatus.SUCCESSFUL, stored(payment).status());
    }

    @Test
    void aForgedWaveSignatureIs401AndChangesNothing() throws Exception {
        Payment payment = liveWave();
        wave.pay(payment.providerReference());
        Delivery webhook = waveWebhook(WaveSimulator.COMPLETED, payment);
        PaymentIntent before = stored(payment);

        long t = nowSeconds();
        Response forged = wavePost(webhook.body(), waveSign("wave_ci_WHS_not-ours", webhook.body(), t));
        assertEquals(401, forged.status());
        assertEquals("unauthorized", forged.json().get("code").asText());
        assertEquals(401, wavePost(webhook.body(), null).status());
        assertEquals(401, wavePost(webhook.body(), "t=" + t + ",v1=zz").status());
        // the genuine signature over another body (a payment id swapped in) does not verify
        Payment other = liveWave();
        assertEquals(401, wavePost(webhook.body().replace(payment.id(), other.id()), webhook.signature()).status());
        assertEquals(before, stored(payment));
        assertEquals(PaymentStatus.ACTION_REQUIRED, now(other).status());
    }

    @Test
    void anExpiredWaveTimestampIs401AndChangesNothing() throws Exception {
        Payment payment = liveWave();
        wave.pay(payment.providerReference());
        Delivery webhook = waveWebhook(WaveSimulator.COMPLETED, payment);
        PaymentIntent before = stored(payment);

        clock.advance(Duration.ofMinutes(6)); // the captured webhook replayed six minutes later
        Response stale = replayWave(webhook);
        assertEquals(401, stale.status());
        assertTrue(stale.json().get("message").asText().contains("timestamp"), stale.body());
        clock.advance(Duration.ofMinutes(-12)); // or signed six minutes in the future
        assertEquals(401, replayWave(webhook).status());
        assertEquals(before, stored(payment));

        syncClock(); // within the tolerance it is taken
        assertEquals(204, replayWave(webhook).status());
        assertEquals(IntentStatus.SUCCESSFUL, stored(payment).status());
    }

    @Test
    void aWaveWebhookWhoseSessionCannotBeReadChangesNothingAndCanBeSentAgain() throws Exception {
        Payment payment = liveWave();
        wave.pay(payment.providerReference());
        Delivery webhook = waveWebhook(WaveSimulator.COMPLETED, payment);
        PaymentIntent before = stored(payment);

        wave.failNextReads(1, 500); // Wave answers the session read with a 500: the outcome is not known here
        Response unknown = replayWave(webhook);
        assertEquals(503, unknown.status(), unknown.body());
        assertEquals("service_unavailable", unknown.json().get("code").asText());
        assertTrue(!unknown.body().contains("Exception"), unknown.body());
        assertEquals(before, stored(payment));

        assertEquals(204, replayWave(webhook).status()); // Wave sends it again: now it is read and applied
        assertEquals(IntentStatus.SUCCESSFUL, stored(payment).status());
    }

    @Test
    void oversizedEventsAre413AndChangeNothing() {
        Payment payment = liveMtn(MTN_NEVER_ANSWERS);
        PaymentIntent before = stored(payment);
        String huge = "{\"pad\":\"" + "x".repeat(70_000) + "\"}";
        for (Response response : List.of(wavePost(huge, waveSign(WAVE_SECRET, huge, nowSeconds())),
                fedapayPost(huge, fedapaySign(FEDAPAY_SECRET, huge, nowSeconds())),
                mtnHint("PUT", payment.id(), huge))) {
            assertEquals(413, response.status(), response.body());
            assertEquals("request_too_large", response.json().get("code").asText());
        }
        assertEquals(before, stored(payment));
    }

    @Test
    void aWaveWebhookNamingAnotherConnectorsOrASandboxPaymentIs404AndChangesNothing() throws Exception {
        Payment payment = liveWave();
        wave.pay(payment.providerReference());
        String body = waveWebhook(WaveSimulator.COMPLETED, payment).body();
        Payment fedapayPayment = liveFedaPay("64000005"); // a FedaPay payer who never answers
        Payment sandbox = sandboxPayment();
        PaymentIntent fedapayBefore = stored(fedapayPayment);
        PaymentIntent sandboxBefore = stored(sandbox);
        PaymentIntent waveBefore = stored(payment);

        // Signed with Wave's secret (as if Wave sent it), naming payments the Wave connector did not take, with
        // their own provider reference as the session id and their amount: only whose payment it is refuses them
        for (Payment other : List.of(fedapayPayment, sandbox)) {
            assertEquals(payment.amount(), other.amount());
            String naming = body.replace(payment.id(), other.id()).replace(payment.providerReference(),
                    other.providerReference() == null ? payment.providerReference() : other.providerReference());
            Response response = wavePost(naming, waveSign(WAVE_SECRET, naming, nowSeconds()));
            assertEquals(404, response.status(), response.body());
            assertEquals("not_found", response.json().get("code").asText());
        }
        // an unknown payment, and our payment with another session or amount, are not ours either
        String unknown = body.replace(payment.id(), "pay_000000000000000000000");
        assertEquals(404, wavePost(unknown, waveSign(WAVE_SECRET, unknown, nowSeconds())).status());
        String otherSession = body.replace(payment.providerReference(), "cos-someone-else");
        assertEquals(404, wavePost(otherSession, waveSign(WAVE_SECRET, otherSession, nowSeconds())).status());
        // the amount Wave was asked for: the payer's total (the intent's amount and its fees)
        String otherAmount = body.replace("\"amount\":\"" + io.cauri.fee.FeeCalculator.payerTotal(payment.amount(),
                payment.fees()) + "\"", "\"amount\":\"25\"");
        assertTrue(!otherAmount.equals(body), body);
        assertEquals(404, wavePost(otherAmount, waveSign(WAVE_SECRET, otherAmount, nowSeconds())).status());

        assertEquals(fedapayBefore, stored(fedapayPayment));
        assertEquals(sandboxBefore, stored(sandbox));
        assertEquals(waveBefore, stored(payment));
    }

    // ---- FedaPay ------------------------------------------------------------------------------------------------

    @Test
    void aFedaPayApprovedWebhookSettlesThePaymentOnceEvenDuplicated() throws Exception {
        fedapay.duplicateWebhooks(true);
        Payment payment;
        try {
            payment = liveFedaPay("64000001");
            Delivery first = fedapayWebhook("transaction.approved", payment);
            Delivery second = delivery(d -> d != first && d.body().equals(first.body()));

            Response applied = fedapayPost(first.body(), first.signature());
            assertEquals(204, applied.status(), applied.body());
            PaymentIntent settled = stored(payment);
            assertEquals(IntentStatus.SUCCESSFUL, settled.status());
            assertEquals(204, fedapayPost(second.body(), second.signature()).status());
            assertEquals(settled, stored(payment));
        } finally {
            fedapay.duplicateWebhooks(false);
        }
    }

    @Test
    void aFedaPayDeclinedWebhookFailsThePaymentWithTheProvidersReason() throws Exception {
        Payment payment = liveFedaPay("64000002"); // declined, INSUFFICIENT_FUNDS
        Delivery webhook = fedapayWebhook("transaction.declined", payment);
        assertEquals(204, fedapayPost(webhook.body(), webhook.signature()).status());
        PaymentIntent after = stored(payment);
        assertEquals(IntentStatus.PAYMENT_REQUIRED, after.status());
        assertEquals(FailureCode.CUSTOMER_INSUFFICIENT_FUNDS, now(payment).failure().code());
    }

    @Test
    void aForgedOrExpiredFedaPaySignatureIs401AndChangesNothing() throws Exception {
        Payment payment = liveFedaPay("64000001");
        Delivery webhook = fedapayWebhook("transaction.approved", payment);
        PaymentIntent before = stored(payment);

        assertEquals(401, fedapayPost(webhook.body(), fedapaySign("wh_not_ours", webhook.body(), nowSeconds())).status());
        assertEquals(401, fedapayPost(webhook.body(), null).status());
        assertEquals(401, fedapayPost(webhook.body().replace("approved", "declined"), webhook.signature()).status());
        clock.advance(Duration.ofMinutes(6));
        Response stale = fedapayPost(webhook.body(), webhook.signature());
        assertEquals(401, stale.status());
        assertTrue(stale.json().get("message").asText().contains("timestamp"), stale.body());
        assertEquals(before, stored(payment));

        syncClock();
        assertEquals(204, fedapayPost(webhook.body(), webhook.signature()).status());
        assertEquals(IntentStatus.SUCCESSFUL, stored(payment).status());
    }

    @Test
    void aFedaPayWebhookNamingAnotherConnectorsOrASandboxPaymentIs404AndChangesNothing() throws Exception {
        Payment payment = liveFedaPay("64000001");
        String body = fedapayWebhook("transaction.approved", payment).body();
        Payment wavePayment = liveWave();
        Payment sandbox = sandboxPayment();
        PaymentIntent waveBefore = stored(wavePayment);
        PaymentIntent sandboxBefore = stored(sandbox);

        for (Payment other : List.of(wavePayment, sandbox)) {
            String naming = body.replace(payment.id(), other.id()).replace(payment.intentId(), other.intentId());
            Response response = fedapayPost(naming, fedapaySign(FEDAPAY_SECRET, naming, nowSeconds()));
            assertEquals(404, response.status(), response.body());
        }
        // our payment, but another transaction id or amount
        String otherTransaction = body.replace("\"id\":" + payment.providerReference() + ",",
                "\"id\":" + (Long.parseLong(payment.providerReference()) + 1000) + ",");
        assertTrue(!otherTransaction.equals(body), body);
        assertEquals(404, fedapayPost(otherTransaction, fedapaySign(FEDAPAY_SECRET, otherTransaction, nowSeconds())).status());
        String otherAmount = body.replace("\"amount\":" + io.cauri.fee.FeeCalculator.payerTotal(payment.amount(),
                payment.fees()), "\"amount\":25"); // FedaPay was asked for the payer's total
        assertTrue(!otherAmount.equals(body), body);
        assertEquals(404, fedapayPost(otherAmount, fedapaySign(FEDAPAY_SECRET, otherAmount, nowSeconds())).status());

        assertEquals(waveBefore, stored(wavePayment));
        assertEquals(sandboxBefore, stored(sandbox));
        assertEquals(PaymentStatus.ACTION_REQUIRED, now(payment).status());
    }

    // ---- MTN MoMo -----------------------------------------------------------------------------------------------

    /**
     * The normalised callback route ({@code /providers/mtn/callbacks}) applies its outcome directly: a secret of it
     * must not reach a payment a live connector took, which only its connector's routes settle, by a status read.
     */
    @Test
    void theNormalisedCallbackRouteNeverSettlesAConnectorsPayment() {
        Payment live = liveMtn(MTN_NEVER_ANSWERS);
        PaymentIntent before = stored(live);
        String body = "{\"paymentId\":\"" + live.id() + "\",\"outcome\":\"succeeded\"}";
        long t = nowSeconds();
        Response refused = function.handle(ApiGatewayEvents.post("/providers/mtn/callbacks", body)
                .header("Cauri-Provider-Signature", "t=" + t + ",v1=" + hmac(GENERIC_LIVE_SECRET, t + "." + body)));
        assertEquals(404, refused.status(), refused.body());
        assertEquals(before, stored(live), "nothing changed");

        Payment sandbox = sandboxPayment(); // the same route still settles the sandbox provider's own payment
        String sandboxBody = "{\"paymentId\":\"" + sandbox.id() + "\",\"outcome\":\"succeeded\"}";
        Response applied = function.handle(ApiGatewayEvents.post("/providers/mtn/callbacks", sandboxBody)
                .header("Cauri-Provider-Signature", "t=" + t + ",v1=" + hmac(GENERIC_SANDBOX_SECRET, t + "." + sandboxBody)));
        assertEquals(204, applied.status(), applied.body());
    }

    @Test
    void anMtnCallbackIsAHintThatReadsTheStatusAndAppliesIt() throws Exception {
        Payment payment = liveMtn("2250700000001");
        // MTN's own callback (PUT, unsigned) as the simulator sent it, replayed into the function
        Delivery callback = delivery(d -> d.path().equals("/providers/mtn-momo/events/" + payment.id()));
        assertEquals("PUT", callback.method());
        int reads = mtn.statusReads(payment.providerReference());

        Response response = mtnHint(callback.method(), payment.id(), callback.body());
        assertEquals(204, response.status(), response.body());
        assertEquals(IntentStatus.SUCCESSFUL, stored(payment).status());
        assertEquals(reads + 1, mtn.statusReads(payment.providerReference()), "one status read");
    }

    @Test
    void anMtnCallbackBodyIsNeverTrusted() throws Exception {
        Payment payment = liveMtn("46733123451"); // MTN says FAILED APPROVAL_REJECTED
        delivery(d -> d.path().equals("/providers/mtn-momo/events/" + payment.id()));
        // a body that claims success, by POST: only MTN's status read counts
        Response response = mtnHint("POST", payment.id(),
                "{\"status\":\"SUCCESSFUL\",\"financialTransactionId\":\"1\",\"externalId\":\"" + payment.id() + "\"}");
        assertEquals(204, response.status(), response.body());
        assertEquals(IntentStatus.PAYMENT_REQUIRED, stored(payment).status());
        assertEquals(PaymentStatus.FAILED, now(payment).status());
    }

    @Test
    void anMtnHintOnAnEndedPaymentAsksMtnNothing() throws Exception {
        Payment payment = liveMtn("2250700000002");
        delivery(d -> d.path().equals("/providers/mtn-momo/events/" + payment.id()));
        assertEquals(204, mtnHint("PUT", payment.id(), "{}").status());
        PaymentIntent settled = stored(payment);
        assertEquals(IntentStatus.SUCCESSFUL, settled.status());
        int reads = mtn.statusReads(payment.providerReference());

        clock.advance(Duration.ofMinutes(1)); // past any hint window: only the payment's end stops the read
        for (int i = 0; i < 5; i++) {
            assertEquals(204, mtnHint(i % 2 == 0 ? "PUT" : "POST", payment.id(), "{}").status());
        }
        assertEquals(reads, mtn.statusReads(payment.providerReference()), "no request reached MTN");
        assertEquals(settled, stored(payment));
    }

    @Test
    void aFloodOfMtnHintsMakesAtMostOneStatusReadPerWindow() {
        Payment payment = liveMtn(MTN_NEVER_ANSWERS);
        int before = mtn.statusReads(payment.providerReference());
        for (int i = 0; i < 40; i++) {
            assertEquals(204, mtnHint("PUT", payment.id(), "{\"status\":\"SUCCESSFUL\"}").status());
        }
        int afterFlood = mtn.statusReads(payment.providerReference());
        assertEquals(1, afterFlood - before, "status reads for 40 hints in one window");
        assertEquals(PaymentStatus.ACTION_REQUIRED, now(payment).status(), "still pending at MTN: nothing changed");

        clock.advance(Duration.ofSeconds(11)); // the next window: one more read, no more
        for (int i = 0; i < 20; i++) {
            mtnHint("POST", payment.id(), "{}");
        }
        assertEquals(1, mtn.statusReads(payment.providerReference()) - afterFlood);
    }

    @Test
    void anMtnHintNamingAnotherConnectorsASandboxOrAnUnknownPaymentIs404AndAsksNothing() {
        Payment wavePayment = liveWave();
        Payment sandbox = sandboxPayment();
        PaymentIntent waveBefore = stored(wavePayment);
        PaymentIntent sandboxBefore = stored(sandbox);
        for (String id : List.of(wavePayment.id(), sandbox.id(), "pay_000000000000000000000", "not-a-payment")) {
            Response response = mtnHint("PUT", id, "{}");
            assertEquals(404, response.status(), id + ": " + response.body());
            assertEquals("not_found", response.json().get("code").asText());
        }
        assertEquals(waveBefore, stored(wavePayment));
        assertEquals(sandboxBefore, stored(sandbox));
    }
}
