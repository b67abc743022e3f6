package io.cauri.simulator.fedapay;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the simulator standalone until the process is stopped:
 * <pre>
 * java -cp simulator-fedapay.jar:jackson-core.jar io.cauri.simulator.fedapay.Main \
 *     --secret-key sk_sandbox_local [--port 8791] [--webhook-url http://127.0.0.1:8080/hooks/fedapay \
 *     --webhook-secret wh_sandbox_local] [--payer-delay 3s] [--expiry 10m] [--max-transactions 10000]
 * </pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("unexpected argument " + args[i]);
                return;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        String secretKey = options.get("secret-key");
        if (secretKey == null) {
            usage("--secret-key is required");
            return;
        }
        FedaPaySimulator.Settings settings = FedaPaySimulator.Settings.of(secretKey)
                .withPayerDelay(duration(options.getOrDefault("payer-delay", "3s")))
                .withExpiry(duration(options.getOrDefault("expiry", "10m")))
                .withMaxTransactions(Integer.parseInt(options.getOrDefault("max-transactions", "10000")));
        if (options.containsKey("webhook-url")) {
            settings = settings.withWebhook(URI.create(options.get("webhook-url")), options.get("webhook-secret"));
        }
        FedaPaySimulator simulator = FedaPaySimulator.start(settings,
                Integer.parseInt(options.getOrDefault("port", "0")));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("FedaPay simulator on " + simulator.baseUrl() + " (" + settings + ")");
        Thread.currentThread().join();
    }

    /** {@code 500ms}, {@code 3s}, {@code 10m}. */
    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("a duration is like 500ms, 3s, 10m or 1h: " + text);
        };
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: Main --secret-key KEY [--port N] [--webhook-url URL --webhook-secret SECRET]"
                + " [--payer-delay 3s] [--expiry 10m] [--max-transactions 10000]");
        System.exit(2);
    }
}
