package io.cauri.connector.wave;

import com.sun.net.httpserver.HttpServer;
import io.cauri.provider.ProviderAnswer;
import io.cauri.intent.Payment;
import io.cauri.simulator.wave.WaveSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhooks as the Wave simulator sends them, received on 127.0.0.1 and verified by {@link WaveWebhooks}. */
class WaveWebhooksTest {

    private static final String KEY = "wave_sn_prod_webhook-test";
    private static final String SECRET = "wave_sn_WHS_current";
    private static final String OLD_SECRET = "wave_sn_WHS_previous";

    record Delivery(String signature, byte[] body) {
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final LinkedBlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    private final HttpClient payer = HttpClient.newHttpClient();
    private HttpServer receiver;
    private WaveSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.createContext("/wave", exchange -> {
            try (exchange) {
                received.add(new Delivery(exchange.getRequestHeaders().getFirst("Wave-Signature"),
                        exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        startSimulator(List.of(SECRET));
    }

    private void startSimulator(List<String> secrets) throws Exception {
        if (simulator != null) {
            simulator.close();
        }
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/wave");
        simulator = WaveSimulator.start(WaveSimulator.Settings.of(KEY).withWebhooks(url, secrets).withClock(clock), 0);
    }

    @AfterEach
    void stop() {
        simulator.close();
        receiver.stop(0);
    }

    private WaveWebhooks verifier(String secret) {
        return new WaveWebhooks(secret, Duration.ofMinutes(5), clock);
    }

    /** A payment through the connector, then the payer's choice on the launch page; returns the session id. */
    private String pay(String paymentId, String choice) throws Exception {
        WaveCheckoutGateway gateway = new WaveCheckoutGateway(new WaveConfig(simulator.baseUrl(), KEY, null, SECRET),
                clock);
        Payment payment = Payments.payment(paymentId, 2500, clock.instant());
        ProviderAnswer.ActionRequired action = assertInstanceOf(ProviderAnswer.ActionRequired.class,
                gateway.initiate(Payments.request(payment)));
        URI page = URI.create(action.action().data().url());
        payer.send(HttpRequest.newBuilder(page.resolve(page.getPath() + "/" + choice))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        return action.providerReference();
    }

    private Delivery next() throws InterruptedException {
        Delivery d = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(d, "no webhook arrived");
        return d;
    }

    private static WaveWebhooks.WaveEvent verified(WaveWebhooks.Verification v) {
        return assertInstanceOf(WaveWebhooks.Verified.class, v, String.valueOf(v)).event();
    }

    private static void refused(WaveWebhooks.Reason reason, WaveWebhooks.Verification v) {
        assertEquals(new WaveWebhooks.Refused(reason), v);
    }

    @Test
    void aCompletedCheckoutWebhookVerifiesAndNamesItsSessionAndPayment() throws Exception {
        String session = pay("pay_hook_ok", "pay");
        Delivery d = next();
        WaveWebhooks.WaveEvent event = verified(verifier(SECRET).verify(d.signature(), d.body()));
        assertTrue(event.isCheckoutCompleted());
        assertEquals(session, event.sessionId());
        assertEquals("pay_hook_ok", event.clientReference());
        assertEquals("complete", event.checkoutStatus());
        assertEquals("succeeded", event.paymentStatus());
        assertNotNull(event.transactionId());
        assertTrue(event.id().startsWith("EV_"));
    }

    @Test
    void aPaymentFailedWebhookVerifiesWithItsErrorCode() throws Exception {
        String session = pay("pay_hook_ko", "fail?code=insufficient-funds");
        Delivery d = next();
        WaveWebhooks.WaveEvent event = verified(verifier(SECRET).verify(d.signature(), d.body()));
        assertTrue(event.isCheckoutPaymentFailed());
        assertEquals(session, event.sessionId());
        assertEquals("insufficient-funds", event.lastPaymentErrorCode());
        assertNull(event.transactionId());
    }

    @Test
    void duringARotationSeveralV1ValuesAreSentAndAnyMatchingSecretVerifies() throws Exception {
        startSimulator(List.of(OLD_SECRET, SECRET));
        pay("pay_rotation", "pay");
        Delivery d = next();
        assertEquals(2, d.signature().split("v1=").length - 1, d.signature());
        verified(verifier(SECRET).verify(d.signature(), d.body()));
        verified(verifier(OLD_SECRET).verify(d.signature(), d.body()));
        refused(WaveWebhooks.Reason.SIGNATURE_MISMATCH, verifier("wave_sn_WHS_unrelated").verify(d.signature(), d.body()));
    }

    @Test
    void aForgedSignatureOrAnAlteredBodyIsRefused() throws Exception {
        pay("pay_forged", "pay");
        Delivery d = next();
        String t = Long.toString(clock.instant().getEpochSecond());
        String forged = "t=" + t + ",v1=" + WaveSignature.hex("wave_sn_WHS_attacker", t, d.body());
        refused(WaveWebhooks.Reason.SIGNATURE_MISMATCH, verifier(SECRET).verify(forged, d.body()));

        byte[] altered = new String(d.body(), StandardCharsets.UTF_8).replace("\"2500\"", "\"25\"")
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(!new String(altered, StandardCharsets.UTF_8).equals(new String(d.body(), StandardCharsets.UTF_8)));
        refused(WaveWebhooks.Reason.SIGNATURE_MISMATCH, verifier(SECRET).verify(d.signature(), altered));
        String retimed = d.signature().replaceFirst("t=[0-9]+", "t=" + (clock.instant().getEpochSecond() + 1));
        refused(WaveWebhooks.Reason.SIGNATURE_MISMATCH, verifier(SECRET).verify(retimed, d.body()));
    }

    @Test
    void aWebhookOutsideTheTimestampToleranceIsRefusedEvenWhenAuthentic() throws Exception {
        pay("pay_replay", "pay");
        Delivery d = next();
        verified(verifier(SECRET).verify(d.signature(), d.body()));
        clock.advance(Duration.ofMinutes(6)); // a captured webhook replayed later
        refused(WaveWebhooks.Reason.TIMESTAMP_OUT_OF_TOLERANCE, verifier(SECRET).verify(d.signature(), d.body()));

        long future = clock.instant().getEpochSecond() + 600;
        String ahead = WaveSignature.header(SECRET, future, d.body());
        refused(WaveWebhooks.Reason.TIMESTAMP_OUT_OF_TOLERANCE, verifier(SECRET).verify(ahead, d.body()));
    }

    @Test
    void aMissingOrMalformedSignatureIsRefusedAndAnUnreadableSignedBodyToo() {
        byte[] body = "{\"id\":\"EV_x\",\"type\":\"checkout.session.completed\",\"data\":{\"id\":\"cos-x\"}}"
                .getBytes(StandardCharsets.UTF_8);
        WaveWebhooks webhooks = verifier(SECRET);
        long now = clock.instant().getEpochSecond();
        refused(WaveWebhooks.Reason.MISSING_SIGNATURE, webhooks.verify(null, body));
        refused(WaveWebhooks.Reason.MISSING_SIGNATURE, webhooks.verify(" ", body));
        refused(WaveWebhooks.Reason.MALFORMED_SIGNATURE, webhooks.verify("garbage", body));
        refused(WaveWebhooks.Reason.MALFORMED_SIGNATURE, webhooks.verify("t=abc,v1=00", body));
        refused(WaveWebhooks.Reason.MALFORMED_SIGNATURE, webhooks.verify("t=" + now, body));
        refused(WaveWebhooks.Reason.MALFORMED_SIGNATURE,
                webhooks.verify("t=" + now + ",t=" + now + ",v1=" + WaveSignature.hex(SECRET, "" + now, body), body));
        verified(webhooks.verify(WaveSignature.header(SECRET, now, body), body));

        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        refused(WaveWebhooks.Reason.MALFORMED_BODY, webhooks.verify(WaveSignature.header(SECRET, now, notJson), notJson));
        byte[] noSession = "{\"id\":\"EV_x\",\"type\":\"checkout.session.completed\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        refused(WaveWebhooks.Reason.MALFORMED_BODY, webhooks.verify(WaveSignature.header(SECRET, now, noSession), noSession));
    }

    @Test
    void aDuplicatedWebhookIsTheSameEventTwice() throws Exception {
        simulator.duplicateNextWebhooks(1);
        pay("pay_dup", "pay");
        Delivery one = next();
        Delivery two = next();
        assertTrue(java.util.Arrays.equals(one.body(), two.body()));
        WaveWebhooks.WaveEvent first = verified(verifier(SECRET).verify(one.signature(), one.body()));
        WaveWebhooks.WaveEvent second = verified(verifier(SECRET).verify(two.signature(), two.body()));
        assertEquals(first, second, "same event id: whoever applies it applies it once");
    }

    @Test
    void aDroppedWebhookLeavesTheStatusReadAsTheWayToTheOutcome() throws Exception {
        simulator.dropNextWebhooks(1);
        String session = pay("pay_dropped", "pay");
        assertNull(received.poll(1, TimeUnit.SECONDS), "the webhook was dropped");
        WaveCheckoutGateway gateway = new WaveCheckoutGateway(new WaveConfig(simulator.baseUrl(), KEY, null, SECRET),
                clock);
        assertEquals(new ProviderAnswer.Succeeded(session),
                gateway.status(Payments.payment("pay_dropped", 2500, clock.instant())));
    }
}
