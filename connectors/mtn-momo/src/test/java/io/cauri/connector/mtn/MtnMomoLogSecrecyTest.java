package io.cauri.connector.mtn;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentStatus;
import io.cauri.provider.ProviderRequest;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Log secrecy, extended to MTN MoMo's credentials: the connector driven through what a live payment does against
 * the simulator — an attempt and its status reads, credentials MTN refuses, unknown outcomes (a 5xx on the debit
 * request and on a status read, MTN unreachable) — with distinctive secret values. Nothing written to standard
 * output or error while it runs, no answer, no exception in full (message, causes, stack: a superset of what a
 * log line would print of it) and no printed configuration shows the subscription key, the API user, the API
 * key, their Basic header or a Bearer header.
 */
class MtnMomoLogSecrecyTest {
    private static final MtnMomoSimulator.Credentials CREDENTIALS = new MtnMomoSimulator.Credentials(
            "subkey-LOGSECRECY-6d21f0", "5b0f7c1e-0d9a-4c3e-9f11-7a2b6c8d4e90", "apikey-LOGSECRECY-c83a19");
    private static final String WRONG_KEY = "apikey-LOGSECRECY-revoked-44e0";
    private static final String SUCCEEDS = "23423423450";

    private MtnMomoSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static MtnMomoGateway gateway(String baseUrl, String apiKey) {
        return new MtnMomoGateway(new MtnMomoConfig(baseUrl, CREDENTIALS.subscriptionKey(), CREDENTIALS.apiUser(), apiKey,
                "sandbox", "EUR", null), MtnMomoTimings.defaults().withRequest(Duration.ofMillis(800)), Clock.systemUTC());
    }

    private static Payment payment() {
        Instant now = Instant.now();
        return new Payment(Ids.next(Ids.PAYMENT), Ids.next("pi_"), now, now, PaymentStatus.PROCESSING, 1500,
                Currency.XOF, "mobile_money", "CI", "mtn", "+" + SUCCEEDS, null, List.of(), null, null, null, null, null);
    }

    @Test
    void noCredentialInLogsAnswersErrorsOrPrintedConfiguration() throws Exception {
        simulator = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(CREDENTIALS)
                .withPayerDelay(Duration.ofMillis(50)), 0);
        MtnMomoGateway gateway = gateway(simulator.baseUrl(), CREDENTIALS.apiKey());
        String nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + socket.getLocalPort();
        }
        List<String> rendered = new ArrayList<>();
        List<Throwable> thrown = new ArrayList<>();
        rendered.add(new MtnMomoConfig(simulator.baseUrl(), CREDENTIALS.subscriptionKey(), CREDENTIALS.apiUser(),
                CREDENTIALS.apiKey(), "sandbox", "EUR", null).toString());

        String output = captured(() -> {
            // an attempt that succeeds, its status reads, one answered with a 5xx
            Payment paid = payment();
            run(() -> gateway.initiate(new ProviderRequest(null, paid, null)), rendered, thrown);
            run(() -> gateway.status(paid), rendered, thrown);
            sleep(150);
            run(() -> gateway.status(paid), rendered, thrown);
            simulator.faults().failStatusReads(1, 503, "{\"message\":\"unavailable\"}");
            run(() -> gateway.status(paid), rendered, thrown);
            // credentials MTN refuses
            MtnMomoGateway revoked = gateway(simulator.baseUrl(), WRONG_KEY);
            Payment refused = payment();
            run(() -> revoked.initiate(new ProviderRequest(null, refused, null)), rendered, thrown);
            run(() -> revoked.status(refused), rendered, thrown);
            // unknown outcomes: a 5xx on the debit request, MTN unreachable
            simulator.faults().failInitiates(1, 500, false);
            Payment unknown = payment();
            run(() -> gateway.initiate(new ProviderRequest(null, unknown, null)), rendered, thrown);
            Payment unreachable = payment();
            run(() -> gateway(nowhere, CREDENTIALS.apiKey()).initiate(new ProviderRequest(null, unreachable, null)),
                    rendered, thrown);
            run(() -> gateway(nowhere, CREDENTIALS.apiKey()).status(unreachable), rendered, thrown);
        });

        assertTrue(thrown.stream().anyMatch(e -> e instanceof MtnMomoException.CredentialsRefused),
                "the refused credentials were exercised: " + thrown);
        assertTrue(thrown.size() >= 3, "the unknown outcomes were exercised: " + thrown);
        String basic = Base64.getEncoder().encodeToString((CREDENTIALS.apiUser() + ":" + CREDENTIALS.apiKey())
                .getBytes(StandardCharsets.UTF_8));
        String everything = output + String.join("\n", rendered);
        for (String secret : List.of(CREDENTIALS.subscriptionKey(), CREDENTIALS.apiUser(), CREDENTIALS.apiKey(), WRONG_KEY,
                basic, "LOGSECRECY", "Bearer ", "Basic ")) {
            assertFalse(everything.contains(secret), "an MTN credential shows (" + secret + "):\n" + everything);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
