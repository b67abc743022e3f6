package io.cauri.connector.wave;

import io.cauri.intent.Currency;
import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.provider.ProviderAnswer;
import io.cauri.simulator.wave.WaveSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Wave connector against the Wave simulator on 127.0.0.1: real HTTP both ways, no mock. */
class WaveCheckoutGatewayTest {

    private static final String KEY = "wave_sn_prod_connector-test";
    private static final String SIGNING = "wave_sn_AKS_connector-test";
    private static final String WEBHOOK = "wave_sn_WHS_connector-test";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final HttpClient payer = HttpClient.newHttpClient();
    private WaveSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        simulator = WaveSimulator.start(WaveSimulator.Settings.of(KEY).withClock(clock), 0);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private WaveCheckoutGateway gateway(String key, String signingSecret) {
        return new WaveCheckoutGateway(new WaveConfig(simulator.baseUrl(), key, signingSecret, WEBHOOK)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(2)), clock);
    }

    private WaveCheckoutGateway gateway() {
        return gateway(KEY, null);
    }

    /** The payer opens the launch URL and presses pay (or fail with a code): what a browser does. */
    private void payerOpens(String launchUrl, String choice) throws Exception {
        URI page = URI.create(launchUrl);
        assertEquals(200, payer.send(HttpRequest.newBuilder(page).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        URI action = page.resolve(page.getPath() + "/" + choice);
        HttpResponse<Void> r = payer.send(HttpRequest.newBuilder(action)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(303, r.statusCode());
    }

    private static ProviderAnswer.ActionRequired redirection(ProviderAnswer answer) {
        ProviderAnswer.ActionRequired action = assertInstanceOf(ProviderAnswer.ActionRequired.class, answer);
        assertEquals(NextAction.Type.REDIRECTION, action.action().type());
        assertEquals("get", action.action().data().method());
        assertTrue(action.providerReference().startsWith("cos-"));
        return action;
    }

    @Test
    void thePayerPaysThroughTheLaunchUrlAndTheStatusReadSucceeds() throws Exception {
        Payment payment = Payments.payment("pay_ok", 1500, clock.instant());
        ProviderAnswer.ActionRequired action = redirection(gateway().initiate(Payments.request(payment)));
        assertTrue(action.action().data().url().startsWith(simulator.baseUrl() + "/c/" + action.providerReference()));
        Payment stored = Payments.withReference(payment, action.providerReference());
        redirection(gateway().status(stored)); // not paid yet: still waiting for the payer

        payerOpens(action.action().data().url(), "pay");

        assertEquals(new ProviderAnswer.Succeeded(action.providerReference()), gateway().status(stored));
        assertEquals(new ProviderAnswer.Succeeded(action.providerReference()), gateway().status(payment),
                "found by client_reference when the reference was never stored");
        assertEquals(1, simulator.sessionsCreated("pay_ok"));
    }

    @Test
    void theSessionIdIsSavedOnceWaveNamesItAndAFailingSaveGivesThePayerNoUrl() {
        Payment payment = Payments.payment("pay_saved", 1500, clock.instant());
        java.util.List<String> saved = new java.util.ArrayList<>();

        ProviderAnswer.ActionRequired action = redirection(gateway().initiate(Payments.request(payment), saved::add));

        assertEquals(java.util.List.of(action.providerReference()), saved);

        Payment unsaved = Payments.payment("pay_unsaved", 1500, clock.instant());
        assertThrows(IllegalStateException.class, () -> gateway().initiate(Payments.request(unsaved), reference -> {
            throw new IllegalStateException("storage down");
        }));
        assertEquals(1, simulator.sessionsCreated("pay_unsaved"), "a session is no debit: the payer never got its URL");
        redirection(gateway().status(unsaved)); // found by client_reference: it settles by Wave's own expiry
    }

    @ParameterizedTest
    @CsvSource({
            "insufficient-funds, CUSTOMER_INSUFFICIENT_FUNDS",
            "blocked-account, CUSTOMER_ACCOUNT_LOCKED",
            "payer-mobile-mismatch, INVALID_MSISDN",
            "cross-border-payment-not-allowed, FORBIDDEN_BY_PROVIDER",
            "customer-age-restricted, FORBIDDEN_BY_PROVIDER",
            "kyb-limits-exceeded, FORBIDDEN_BY_PROVIDER",
            "payment-failure, UNKNOWN_REASON"})
    void aFailedTryKeepsThePaymentOpenUntilExpiryThenFailsWithTheMappedCode(String waveCode, FailureCode expected)
            throws Exception {
        Payment payment = Payments.payment("pay_" + waveCode, 1000, clock.instant());
        ProviderAnswer.ActionRequired action = redirection(gateway().initiate(Payments.request(payment)));
        Payment stored = Payments.withReference(payment, action.providerReference());

        payerOpens(action.action().data().url(), "fail?code=" + waveCode);
        redirection(gateway().status(stored)); // the payer may still try again in the app: not final

        clock.advance(Duration.ofMinutes(31));
        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class, gateway().status(stored));
        assertEquals(expected, failed.code());
    }

    @Test
    void aSessionThatExpiresUnpaidFailsWithTimeout() {
        Payment payment = Payments.payment("pay_expired", 1000, clock.instant());
        ProviderAnswer.ActionRequired action = redirection(gateway().initiate(Payments.request(payment)));
        clock.advance(Duration.ofMinutes(30));
        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class,
                gateway().status(Payments.withReference(payment, action.providerReference())));
        assertEquals(FailureCode.TIMEOUT, failed.code());
    }

    @Test
    void a5xxAfterWaveCreatedTheSessionIsUnknownNotFailedAndARetryMakesNoSecondSession() {
        Payment payment = Payments.payment("pay_5xx", 1000, clock.instant());
        simulator.failNextCreatesAfterCreating(1, 500);

        assertThrows(WaveOutcomeUnknownException.class, () -> gateway().initiate(Payments.request(payment)));
        assertEquals(1, simulator.sessionsCreated("pay_5xx"));

        ProviderAnswer again = gateway().initiate(Payments.request(payment));
        redirection(again);
        assertEquals(1, simulator.createRequests("pay_5xx"), "the retry found the session: no second create");
        assertEquals(1, simulator.sessionsCreated("pay_5xx"));
        redirection(gateway().status(payment)); // the reconciliation finds it too
    }

    @Test
    void a5xxBeforeCreatingIsUnknownAndTheRetryCreatesExactlyOneSession() {
        Payment payment = Payments.payment("pay_503", 1000, clock.instant());
        simulator.failNextCreatesBeforeCreating(1, 503);
        assertThrows(WaveOutcomeUnknownException.class, () -> gateway().initiate(Payments.request(payment)));
        assertEquals(0, simulator.sessionsCreated("pay_503"));
        redirection(gateway().initiate(Payments.request(payment)));
        assertEquals(2, simulator.createRequests("pay_503"));
        assertEquals(1, simulator.sessionsCreated("pay_503"));
    }

    @Test
    void aTimeoutAfterSendingIsUnknownAndNeitherRetryNorReconciliationMakesASecondSession() {
        Payment payment = Payments.payment("pay_slow", 1000, clock.instant());
        simulator.delayNextCreates(1, Duration.ofSeconds(4)); // the client gives up after 1 s (+ 1 s to connect)

        WaveOutcomeUnknownException unknown = assertThrows(WaveOutcomeUnknownException.class,
                () -> gateway().initiate(Payments.request(payment)));
        assertInstanceOf(HttpTimeoutException.class, unknown.getCause());
        assertEquals(1, simulator.sessionsCreated("pay_slow"));

        ProviderAnswer.ActionRequired found = redirection(gateway().status(payment));
        assertEquals(found, gateway().initiate(Payments.request(payment)));
        assertEquals(1, simulator.createRequests("pay_slow"));
        assertEquals(1, simulator.sessionsCreated("pay_slow"));
    }

    @Test
    void aReadThatFailsIsUnknownNeverAFailure() {
        Payment payment = Payments.payment("pay_read", 1000, clock.instant());
        ProviderAnswer.ActionRequired action = redirection(gateway().initiate(Payments.request(payment)));
        simulator.failNextReads(1, 502);
        assertThrows(WaveOutcomeUnknownException.class,
                () -> gateway().status(Payments.withReference(payment, action.providerReference())));
        simulator.failNextReads(1, 500);
        assertThrows(WaveOutcomeUnknownException.class, () -> gateway().status(payment));
    }

    @Test
    void aPaymentWaveNeverHeardOfIsPendingUntilNoCreateCanBeInFlightThenFailsAsUnavailable() {
        Payment payment = Payments.payment("pay_never", 1000, clock.instant());
        assertEquals(new ProviderAnswer.Pending(null), gateway().status(payment));
        clock.advance(Duration.ofMinutes(3));
        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class, gateway().status(payment));
        assertEquals(FailureCode.SERVICE_UNAVAILABLE, failed.code());
    }

    @Test
    void anUnreachableWaveIsUnknownNotFailed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WaveCheckoutGateway nowhere = new WaveCheckoutGateway(new WaveConfig(URI.create("http://127.0.0.1:" + closedPort),
                KEY, null, WEBHOOK).withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMinutes(2)),
                clock);
        Payment payment = Payments.payment("pay_down", 1000, clock.instant());
        assertThrows(WaveOutcomeUnknownException.class, () -> nowhere.initiate(Payments.request(payment)));
        assertThrows(WaveOutcomeUnknownException.class, () -> nowhere.status(payment));
    }

    @Test
    void aSessionThatDoesNotMatchThePaymentIsNeverTrusted() throws Exception {
        Payment payment = Payments.payment("pay_match", 1000, clock.instant());
        ProviderAnswer.ActionRequired action = redirection(gateway().initiate(Payments.request(payment)));
        payerOpens(action.action().data().url(), "pay");
        Payment other = Payments.withReference(Payments.payment("pay_match", 2000, clock.instant()),
                action.providerReference());
        assertThrows(WaveOutcomeUnknownException.class, () -> gateway().status(other));
    }

    @Test
    void whatWaveCannotCollectIsRefusedBeforeAnyRequest() {
        Payment xaf = Payments.payment("pay_xaf", 1000, Currency.XAF, clock.instant(), "https://shop.example/ok",
                "https://shop.example/ko");
        assertEquals(FailureCode.UNSUPPORTED_CURRENCY,
                assertInstanceOf(ProviderAnswer.Failed.class, gateway().initiate(Payments.request(xaf))).code());
        Payment plainHttp = Payments.payment("pay_http", 1000, Currency.XOF, clock.instant(), "http://shop.example/ok",
                "https://shop.example/ko");
        assertEquals(FailureCode.BAD_PARAMETERS,
                assertInstanceOf(ProviderAnswer.Failed.class, gateway().initiate(Payments.request(plainHttp))).code());
        assertEquals(0, simulator.createRequests("pay_xaf") + simulator.createRequests("pay_http"));
        assertEquals(0, simulator.sessionCount());
    }

    @Test
    void aWrongApiKeyCreatesNothingAndLeavesTheOutcomeUnknown() {
        Payment payment = Payments.payment("pay_key", 1000, clock.instant());
        WaveOutcomeUnknownException e = assertThrows(WaveOutcomeUnknownException.class,
                () -> gateway("wave_sn_prod_wrong", null).initiate(Payments.request(payment)));
        assertTrue(e.getMessage().contains("no-matching-api-key"), e.getMessage());
        assertFalse(e.getMessage().contains("wave_sn_prod_wrong"), "the key never appears in a message");
        assertEquals(0, simulator.sessionCount());
    }

    @Test
    void aKeyThatRequiresSigningWorksSignedAndRefusesUnsignedOrWronglySignedRequests() throws Exception {
        simulator.close();
        simulator = WaveSimulator.start(WaveSimulator.Settings.of(KEY).withSigningSecret(SIGNING).withClock(clock), 0);
        Payment payment = Payments.payment("pay_signed", 1000, clock.instant());

        for (String wrong : new String[] {null, "wave_sn_AKS_wrong"}) {
            WaveOutcomeUnknownException e = assertThrows(WaveOutcomeUnknownException.class,
                    () -> gateway(KEY, wrong).initiate(Payments.request(payment)));
            assertTrue(e.getMessage().contains("401") && e.getMessage().contains("invalid-signature"), e.getMessage());
        }
        assertEquals(0, simulator.sessionCount());

        ProviderAnswer.ActionRequired action = redirection(gateway(KEY, SIGNING).initiate(Payments.request(payment)));
        payerOpens(action.action().data().url(), "pay");
        assertEquals(new ProviderAnswer.Succeeded(action.providerReference()),
                gateway(KEY, SIGNING).status(Payments.withReference(payment, action.providerReference())));
    }

    @Test
    void theConfigurationNeverPrintsItsSecrets() {
        WaveConfig config = new WaveConfig(simulator.baseUrl(), KEY, SIGNING, WEBHOOK);
        String printed = config.toString();
        assertFalse(printed.contains(KEY) || printed.contains(SIGNING) || printed.contains(WEBHOOK), printed);
        assertTrue(printed.contains(simulator.baseUrl().toString()));
    }

    /** The API key travels in every request: never over plain HTTP, except to a simulator on this machine. */
    @Test
    void theBaseUrlIsHttpsOrALoopbackSimulator() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new WaveConfig(URI.create("http://api.wave.com"), KEY, SIGNING, WEBHOOK));
        new WaveConfig(URI.create("https://api.wave.com"), KEY, SIGNING, WEBHOOK);
        new WaveConfig(URI.create("http://127.0.0.1:8091"), KEY, SIGNING, WEBHOOK);
    }
}
