package io.cauri.connector.wave;

import io.cauri.intent.Payment;
import io.cauri.provider.ProviderAnswer;
import io.cauri.simulator.wave.WaveSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Log secrecy, extended to Wave's credentials: the connector driven through what a live payment does against the
 * simulator (a key that requires request signing) — an attempt and its status reads, a key Wave refuses, a
 * signature Wave refuses, unknown outcomes (a 5xx, Wave unreachable), webhooks forged — with distinctive secret
 * values. Nothing written to standard output or error while it runs, no answer, no exception in full (message,
 * causes, stack: a superset of what a log line would print of it) and no printed configuration shows the API
 * key, the signing secret, the webhook secret or a Bearer header.
 */
class WaveLogSecrecyTest {
    private static final String API_KEY = "wave_sn_prod_LOGSECRECY_3f9a0b";
    private static final String WRONG_KEY = "wave_sn_prod_LOGSECRECY_revoked_77c1";
    private static final String SIGNING_SECRET = "wave_sn_AKS_LOGSECRECY_e21d44";
    private static final String WRONG_SIGNING = "wave_sn_AKS_LOGSECRECY_wrong_0b9f";
    private static final String WEBHOOK_SECRET = "wave_sn_WHS_LOGSECRECY_5ac7d2";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private WaveSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private WaveCheckoutGateway gateway(URI baseUrl, String key, String signing) {
        return new WaveCheckoutGateway(new WaveConfig(baseUrl, key, signing, WEBHOOK_SECRET)
                .withTimeouts(Duration.ofMillis(800), Duration.ofMillis(800), Duration.ofMinutes(2)), clock);
    }

    @Test
    void noCredentialInLogsAnswersErrorsOrPrintedConfiguration() throws Exception {
        simulator = WaveSimulator.start(WaveSimulator.Settings.of(API_KEY).withSigningSecret(SIGNING_SECRET)
                .withClock(clock), 0);
        WaveCheckoutGateway gateway = gateway(simulator.baseUrl(), API_KEY, SIGNING_SECRET);
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        List<String> rendered = new ArrayList<>();
        List<Throwable> thrown = new ArrayList<>();
        rendered.add(new WaveConfig(simulator.baseUrl(), API_KEY, SIGNING_SECRET, WEBHOOK_SECRET).toString());

        String output = captured(() -> {
            // an attempt that succeeds, its status reads
            Payment payment = Payments.payment("pay_logsecrecy1", 1000, clock.instant());
            Object first = run(() -> gateway.initiate(Payments.request(payment)), rendered, thrown);
            if (first instanceof ProviderAnswer.ActionRequired action) {
                Payment stored = Payments.withReference(payment, action.providerReference());
                simulator.pay(action.providerReference());
                run(() -> gateway.status(stored), rendered, thrown);
                simulator.failNextReads(1, 500);
                run(() -> gateway.status(stored), rendered, thrown);
            }
            // a key Wave refuses, a request signed with the wrong secret, one not signed
            Payment other = Payments.payment("pay_logsecrecy2", 1000, clock.instant());
            run(() -> gateway(simulator.baseUrl(), WRONG_KEY, SIGNING_SECRET).initiate(Payments.request(other)),
                    rendered, thrown);
            run(() -> gateway(simulator.baseUrl(), API_KEY, WRONG_SIGNING).initiate(Payments.request(other)),
                    rendered, thrown);
            run(() -> gateway(simulator.baseUrl(), API_KEY, null).initiate(Payments.request(other)), rendered, thrown);
            // unknown outcomes: a 5xx on creation, Wave unreachable
            simulator.failNextCreatesBeforeCreating(1, 503);
            run(() -> gateway.initiate(Payments.request(other)), rendered, thrown);
            run(() -> gateway(nowhere, API_KEY, SIGNING_SECRET).initiate(Payments.request(other)), rendered, thrown);
            // webhooks: a forged signature, one that carries the secret itself, none
            WaveWebhooks webhooks = new WaveWebhooks(WEBHOOK_SECRET);
            byte[] body = "{\"id\":\"EV_1\",\"type\":\"checkout.session.completed\",\"data\":{}}"
                    .getBytes(StandardCharsets.UTF_8);
            long t = clock.instant().getEpochSecond();
            run(() -> webhooks.verify("t=" + t + ",v1=" + "ab".repeat(32), body), rendered, thrown);
            run(() -> webhooks.verify("t=" + t + ",v1=" + WEBHOOK_SECRET, body), rendered, thrown);
            run(() -> webhooks.verify(null, body), rendered, thrown);
        });

        assertTrue(thrown.stream().anyMatch(e -> e instanceof WaveOutcomeUnknownException),
                "the refusals and unknown outcomes were exercised: " + thrown);
        String everything = output + String.join("\n", rendered);
        for (String secret : List.of(API_KEY, WRONG_KEY, SIGNING_SECRET, WRONG_SIGNING, WEBHOOK_SECRET, "LOGSECRECY",
                "Bearer ")) {
            assertFalse(everything.contains(secret), "a Wave credential shows (" + secret + "):\n" + everything);
        }
    }

    /** Runs a call; its answer, or its exception in full (message, causes, stack), is added to {@code rendered}. */
    private static Object run(Callable<?> call, List<String> rendered, List<Throwable> thrown) {
        try {
            Object answer = call.call();
            rendered.add(String.valueOf(answer));
            return answer;
        } catch (Exception e) {
            thrown.add(e);
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            rendered.add(e + "\n" + trace);
            return e;
        }
    }

    /** Everything written to standard output and error while {@code run} runs. */
    private static String captured(Runnable run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(capture);
        System.setErr(capture);
        try {
            run.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
