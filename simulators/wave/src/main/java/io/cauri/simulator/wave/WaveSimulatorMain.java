package io.cauri.simulator.wave;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the simulator standalone until killed:
 * {@code java -cp … io.cauri.simulator.wave.WaveSimulatorMain --port 8091 --api-key KEY [--signing-secret S]
 * [--webhook-url URL --webhook-secret S [--webhook-secret S2]] [--session-ttl-seconds 1800] [--max-sessions 10000]}.
 * Prints the base URL on one line; secrets are never printed.
 */
public final class WaveSimulatorMain {

    private WaveSimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        String apiKey = null;
        String signingSecret = null;
        URI webhookUrl = null;
        List<String> webhookSecrets = new ArrayList<>();
        Duration ttl = Duration.ofMinutes(30);
        int maxSessions = 10_000;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--port" -> port = Integer.parseInt(value);
                case "--api-key" -> apiKey = value;
                case "--signing-secret" -> signingSecret = value;
                case "--webhook-url" -> webhookUrl = URI.create(value);
                case "--webhook-secret" -> webhookSecrets.add(value);
                case "--session-ttl-seconds" -> ttl = Duration.ofSeconds(Long.parseLong(value));
                case "--max-sessions" -> maxSessions = Integer.parseInt(value);
                default -> usage("unknown option " + name);
            }
        }
        if (apiKey == null) {
            usage("--api-key is required");
        }
        WaveSimulator.Settings settings = WaveSimulator.Settings.of(apiKey).withSigningSecret(signingSecret)
                .withWebhooks(webhookUrl, webhookSecrets).withSessionTtl(ttl).withMaxSessions(maxSessions);
        WaveSimulator simulator = WaveSimulator.start(settings, port);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("Wave simulator listening on " + simulator.baseUrl() + " (" + settings + ")");
        Thread.currentThread().join();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: WaveSimulatorMain --api-key KEY [--port N] [--signing-secret S] [--webhook-url URL"
                + " --webhook-secret S ...] [--session-ttl-seconds N] [--max-sessions N]");
        System.exit(2);
    }
}
