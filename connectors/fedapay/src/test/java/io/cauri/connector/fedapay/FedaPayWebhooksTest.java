package io.cauri.connector.fedapay;

import com.sun.net.httpserver.HttpServer;
import io.cauri.connector.fedapay.FedaPayWebhooks.Reason;
import io.cauri.intent.FailureCode;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderRequest;
import io.cauri.simulator.fedapay.FedaPaySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.cauri.connector.fedapay.FedaPayGatewayTest.KEY;
import static io.cauri.connector.fedapay.FedaPayGatewayTest.WEBHOOK_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Webhooks the simulator really sent (signed as FedaPay documents it) to an HTTP endpoint on 127.0.0.1, verified by
 * {@link FedaPayWebhooks}; then the same webhooks forged, replayed late, altered or stripped of their header.
 */
class FedaPayWebhooksTest {
    private FedaPaySimulator simulator;
    private HttpServer endpoint;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private record Received(String body, String signature) {
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    private FedaPayGateway start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/hooks/fedapay", exchange -> {
            // the raw bytes as received: the signature covers them, not a re-serialisation
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(body, exchange.getRequestHeaders().getFirst(FedaPayWebhooks.HEADER)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
        URI url = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hooks/fedapay");
        simulator = FedaPaySimulator.start(FedaPaySimulator.Settings.of(KEY).withWebhook(url, WEBHOOK_SECRET)
                .withPayerDelay(Duration.ofMillis(100)));
        return new FedaPayGateway(new FedaPayConfig(simulator.baseUrl(), KEY, WEBHOOK_SECRET));
    }

    /** The next webhook named {@code name} (others, such as transaction.created, are skipped). */
    private Received next(String name) throws InterruptedException {
        for (Received r = received.poll(10, TimeUnit.SECONDS); r != null; r = received.poll(10, TimeUnit.SECONDS)) {
            if (r.body().contains("\"name\":\"" + name + "\"")) {
                return r;
            }
        }
        throw new AssertionError("no " + name + " webhook within 10 s");
    }

    private static FedaPayWebhooks verifier(Clock clock) {
        return new FedaPayWebhooks(WEBHOOK_SECRET, Duration.ofMinutes(5), clock);
    }

    private static FedaPayWebhooks verifier() {
        return verifier(Clock.systemUTC());
    }

    private static long timestampOf(String header) {
        return Long.parseLong(header.split(",")[0].substring(2));
    }

    @Test
    void anApprovalWebhookVerifiesAndNamesOurPaymentAndItsOutcome() throws Exception {
        FedaPayGateway gateway = start();
        ProviderRequest request = FedaPayGatewayTest.request("64000001");
        gateway.initiate(request);

        Received webhook = next("transaction.approved");
        FedaPayWebhooks.Verification verification = verifier().verify(webhook.body(), webhook.signature());

        FedaPayWebhooks.Event event = assertInstanceOf(FedaPayWebhooks.Verified.class, verification).event();
        assertEquals("transaction.approved", event.name());
        assertEquals(request.payment().id(), event.paymentId());
        assertEquals(request.intent().id(), event.intentId());
        assertEquals(1500, event.amount());
        assertInstanceOf(ProviderAnswer.Succeeded.class, event.answer().orElseThrow());
    }

    @Test
    void aDeclineWebhookCarriesItsFailureCode() throws Exception {
        FedaPayGateway gateway = start();
        gateway.initiate(FedaPayGatewayTest.request("64000002"));

        Received webhook = next("transaction.declined");
        FedaPayWebhooks.Event event = assertInstanceOf(FedaPayWebhooks.Verified.class,
                verifier().verify(webhook.body(), webhook.signature())).event();

        assertEquals(FailureCode.CUSTOMER_INSUFFICIENT_FUNDS,
                assertInstanceOf(ProviderAnswer.Failed.class, event.answer().orElseThrow()).code());
    }

    @Test
    void aWebhookSignedWithAnotherSecretIsRefused() throws Exception {
        FedaPayGateway gateway = start();
        gateway.initiate(FedaPayGatewayTest.request("64000001"));
        Received webhook = next("transaction.approved");
        long t = timestampOf(webhook.signature());
        String forged = "t=" + t + ",s=" + FedaPaySimulator.sign("wh_guessed_secret", t + "." + webhook.body());

        assertEquals(new FedaPayWebhooks.Refused(Reason.SIGNATURE_MISMATCH), verifier().verify(webhook.body(), forged));
    }

    @Test
    void aWebhookReplayedAfterTheToleranceIsRefusedAndTheToleranceIsConfigurable() throws Exception {
        FedaPayGateway gateway = start();
        gateway.initiate(FedaPayGatewayTest.request("64000001"));
        Received webhook = next("transaction.approved");
        Instant signedAt = Instant.ofEpochSecond(timestampOf(webhook.signature()));
        Clock sixMinutesLater = Clock.fixed(signedAt.plus(Duration.ofMinutes(6)), ZoneOffset.UTC);

        assertEquals(new FedaPayWebhooks.Refused(Reason.TIMESTAMP_OUTSIDE_TOLERANCE),
                verifier(sixMinutesLater).verify(webhook.body(), webhook.signature()));
        assertInstanceOf(FedaPayWebhooks.Verified.class, new FedaPayWebhooks(WEBHOOK_SECRET, Duration.ofMinutes(10),
                sixMinutesLater).verify(webhook.body(), webhook.signature()));
        // a timestamp in the future is as suspect as one in the past
        Clock sixMinutesEarlier = Clock.fixed(signedAt.minus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        assertEquals(new FedaPayWebhooks.Refused(Reason.TIMESTAMP_OUTSIDE_TOLERANCE),
                verifier(sixMinutesEarlier).verify(webhook.body(), webhook.signature()));
    }

    @Test
    void aWebhookWhoseBodyWasAlteredIsRefused() throws Exception {
        FedaPayGateway gateway = start();
        gateway.initiate(FedaPayGatewayTest.request("64000002"));
        Received webhook = next("transaction.declined");
        String altered = webhook.body().replace("\"status\":\"declined\"", "\"status\":\"approved\"");

        assertEquals(new FedaPayWebhooks.Refused(Reason.SIGNATURE_MISMATCH), verifier().verify(altered, webhook.signature()));
    }

    @Test
    void aWebhookWithoutOrWithABrokenHeaderIsRefused() throws Exception {
        FedaPayGateway gateway = start();
        gateway.initiate(FedaPayGatewayTest.request("64000001"));
        Received webhook = next("transaction.approved");
        long t = timestampOf(webhook.signature());

        assertEquals(new FedaPayWebhooks.Refused(Reason.MISSING_HEADER), verifier().verify(webhook.body(), null));
        assertEquals(new FedaPayWebhooks.Refused(Reason.MISSING_HEADER), verifier().verify(webhook.body(), " "));
        assertEquals(new FedaPayWebhooks.Refused(Reason.MALFORMED_HEADER),
                verifier().verify(webhook.body(), "i'm not a signature header"));
        assertEquals(new FedaPayWebhooks.Refused(Reason.MALFORMED_HEADER),
                verifier().verify(webhook.body(), "t=yesterday,s=00"));
        assertEquals(new FedaPayWebhooks.Refused(Reason.NO_SIGNATURE),
                verifier().verify(webhook.body(), "t=" + t + ",v1=" + webhook.signature().split(",s=")[1]));
    }

    @Test
    void oneMatchingSignatureAmongSeveralVerifies() throws Exception {
        FedaPayGateway gateway = start();
        gateway.initiate(FedaPayGatewayTest.request("64000001"));
        Received webhook = next("transaction.approved");
        long t = timestampOf(webhook.signature());
        String rolled = "t=" + t + ",s=" + FedaPaySimulator.sign("wh_old_secret", t + "." + webhook.body())
                + ",s=" + webhook.signature().split(",s=")[1];

        assertInstanceOf(FedaPayWebhooks.Verified.class, verifier().verify(webhook.body(), rolled));
    }

    @Test
    void aSignedBodyThatIsNotAnEventIsRefusedAsMalformed() {
        long t = Instant.now().getEpochSecond();
        String body = "{\"id\":\"evt_1\",\"object\":\"event\"}"; // fedapay-php's own test payload: no transaction
        String header = "t=" + t + ",s=" + FedaPaySimulator.sign(WEBHOOK_SECRET, t + "." + body);

        assertEquals(new FedaPayWebhooks.Refused(Reason.MALFORMED_BODY), verifier().verify(body, header));
    }

    @Test
    void aDuplicatedWebhookIsTheSameSignedEventTwiceSoItCanBeAppliedOnce() throws Exception {
        FedaPayGateway gateway = start();
        simulator.duplicateWebhooks(true);
        gateway.initiate(FedaPayGatewayTest.request("64000001"));

        Received one = next("transaction.approved");
        Received two = next("transaction.approved");

        FedaPayWebhooks.Event first = assertInstanceOf(FedaPayWebhooks.Verified.class,
                verifier().verify(one.body(), one.signature())).event();
        FedaPayWebhooks.Event second = assertInstanceOf(FedaPayWebhooks.Verified.class,
                verifier().verify(two.body(), two.signature())).event();
        assertEquals(first, second); // same event id, same transaction, same outcome: idempotent to apply
        assertNotNull(first.id());
    }

    @Test
    void aDroppedWebhookIsNeverReceivedAndTheStatusReadSettlesThePayment() throws Exception {
        FedaPayGateway gateway = start();
        simulator.dropWebhooks(true);
        ProviderRequest request = FedaPayGatewayTest.request("64000001");
        ProviderAnswer.ActionRequired action = assertInstanceOf(ProviderAnswer.ActionRequired.class,
                gateway.initiate(request));

        ProviderAnswer end = FedaPayGatewayTest.settled(gateway,
                FedaPayGatewayTest.withReference(request.payment(), action.providerReference()));

        assertInstanceOf(ProviderAnswer.Succeeded.class, end);
        assertNull(received.poll(500, TimeUnit.MILLISECONDS));
        assertEquals(0, simulator.deliveries().stream().filter(d -> d.event().equals("transaction.approved"))
                .findFirst().orElseThrow().status());
    }
}
