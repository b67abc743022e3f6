package io.cauri.connector.fedapay;

import io.cauri.intent.Payment;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderRequest;
import io.cauri.simulator.fedapay.FedaPaySimulator;
import io.cauri.simulator.fedapay.FedaPaySimulator.Operation;
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
 * Log secrecy, extended to FedaPay's credentials: the connector driven through what a live payment does against
 * the simulator — an attempt and its status reads, a credential FedaPay refuses, unknown outcomes (a 5xx, a
 * provider that cannot be reached), webhooks forged or signed with the wrong secret — with distinctive secret
 * values. Nothing written to standard output or error while it runs, no answer (whose message may be stored and
 * shown to merchants), no exception in full (message, causes, stack: a superset of what a log line would
 * print of it) and no printed configuration shows the secret key, the webhook secret or a Bearer header.
 */
class FedaPayLogSecrecyTest {
    private static final String SECRET_KEY = "sk_live_LOGSECRECY_fedapay_9d1e77";
    private static final String WRONG_KEY = "sk_live_LOGSECRECY_revoked_51aa0c";
    private static final String WEBHOOK_SECRET = "wh_live_LOGSECRECY_fedapay_4b2c08";

    private FedaPaySimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void noCredentialInLogsAnswersErrorsOrPrintedConfiguration() throws Exception {
        simulator = FedaPaySimulator.start(FedaPaySimulator.Settings.of(SECRET_KEY).withPayerDelay(Duration.ofMillis(50)));
        FedaPayConfig config = new FedaPayConfig(simulator.baseUrl(), SECRET_KEY, WEBHOOK_SECRET)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        FedaPayGateway gateway = new FedaPayGateway(config);
        List<String> rendered = new ArrayList<>();
        List<Throwable> thrown = new ArrayList<>();
        rendered.add(config.toString());
        URI nowhere = closedPort();

        String output = captured(() -> {
            // an attempt that succeeds, its status reads
            ProviderRequest paid = FedaPayGatewayTest.request("64000001");
            Object action = run(() -> gateway.initiate(paid), rendered, thrown);
            if (action instanceof ProviderAnswer.ActionRequired required) {
                Payment stored = FedaPayGatewayTest.withReference(paid.payment(), required.providerReference());
                run(() -> FedaPayGatewayTest.settled(gateway, stored), rendered, thrown);
                // a status read FedaPay answers with a 5xx: unknown
                simulator.failNext(Operation.RETRIEVE, 503);
                run(() -> gateway.status(stored), rendered, thrown);
            }
            // a declined payer
            ProviderRequest declined = FedaPayGatewayTest.request("64000002");
            run(() -> gateway.initiate(declined), rendered, thrown);
            // a credential FedaPay refuses
            FedaPayGateway revoked = new FedaPayGateway(new FedaPayConfig(simulator.baseUrl(), WRONG_KEY, WEBHOOK_SECRET));
            run(() -> revoked.initiate(FedaPayGatewayTest.request("64000001")), rendered, thrown);
            // unknown outcomes: a 5xx on creation, then after it, then no FedaPay at all
            simulator.failNext(Operation.CREATE, 503);
            run(() -> gateway.initiate(FedaPayGatewayTest.request("64000001")), rendered, thrown);
            simulator.failNextAfterProcessing(Operation.CREATE, 500);
            run(() -> gateway.initiate(FedaPayGatewayTest.request("64000001")), rendered, thrown);
            FedaPayGateway unreachable = new FedaPayGateway(new FedaPayConfig(nowhere, SECRET_KEY, WEBHOOK_SECRET)
                    .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)));
            run(() -> unreachable.initiate(FedaPayGatewayTest.request("64000001")), rendered, thrown);
            // webhooks: forged with another secret, altered after signing, and a header that is not one
            FedaPayWebhooks webhooks = new FedaPayWebhooks(config);
            String body = "{\"name\":\"transaction.approved\",\"entity\":{\"id\":1}}";
            long t = Instant.now().getEpochSecond();
            run(() -> webhooks.verify(body, "t=" + t + ",s=" + FedaPaySimulator.sign("wh_other", t + "." + body)),
                    rendered, thrown);
            run(() -> webhooks.verify(body + " ", "t=" + t + ",s=" + FedaPaySimulator.sign(WEBHOOK_SECRET, t + "." + body)),
                    rendered, thrown);
            run(() -> webhooks.verify(body, WEBHOOK_SECRET), rendered, thrown);
        });

        assertTrue(thrown.stream().anyMatch(e -> e instanceof FedaPayOutcomeUnknownException),
                "the unknown outcomes were exercised: " + thrown);
        assertTrue(rendered.stream().anyMatch(r -> r.contains("Failed")), "a refusal was exercised: " + rendered);
        String everything = output + String.join("\n", rendered);
        for (String secret : List.of(SECRET_KEY, WRONG_KEY, WEBHOOK_SECRET, "LOGSECRECY", "Bearer ")) {
            assertFalse(everything.contains(secret), "a FedaPay credential shows (" + secret + "):\n" + everything);
        }
    }

    /** Runs a call; its answer, or its exception in full (message, causes, stack), is added to {@code rendered}. */
    static Object run(Callable<?> call, List<String> rendered, List<Throwable> thrown) {
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
    static String captured(Runnable run) {
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

    static URI closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
