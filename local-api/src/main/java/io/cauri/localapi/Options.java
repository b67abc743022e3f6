package io.cauri.localapi;

import io.cauri.id.Ids;

import java.nio.file.Path;

/**
 * The command line of {@code java -jar local-api/target/local-api.jar}.
 *
 * @param port       HTTP port on 127.0.0.1; 0 picks a free one (tests)
 * @param merchantId the sandbox merchant to seed
 * @param apiKey     its sandbox key secret; null issues a new one (or keeps the stored one, see {@link SandboxMerchant})
 * @param dataDir    where DynamoDB Local and the signing key live; null keeps data in memory
 * @param template   the SAM template whose routes are served
 * @param rateLimits whether the per-IP rate limits apply, as in AWS ({@code --no-rate-limits} turns them off)
 */
public record Options(int port, String merchantId, String apiKey, Path dataDir, Path template, boolean rateLimits) {

    public Options {
        if (merchantId == null || merchantId.isBlank() || merchantId.length() > 64) {
            throw new IllegalArgumentException("--merchant-id must have 1 to 64 characters");
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("--api-key must not be blank");
        }
    }

    /** With the rate limits on, as in AWS. */
    public Options(int port, String merchantId, String apiKey, Path dataDir, Path template) {
        this(port, merchantId, apiKey, dataDir, template, true);
    }

    static final String USAGE = """
            Usage: java -jar local-api/target/local-api.jar [options]   (run from the repository root)
              --port N            HTTP port on 127.0.0.1 (default 3000; 0 = any free port)
              --merchant-id ID    sandbox merchant to seed (default: a new random m_… id)
              --api-key SECRET    its sandbox API key (default: a newly issued key)
              --data-dir DIR      keep DynamoDB data and the token signing key in DIR (default: in memory)
              --template PATH     SAM template to read routes from (default: template.yaml)
              --no-rate-limits    serve without the per-IP rate limits (development, load tests)""";

    public static Options defaults() {
        return new Options(3000, Ids.next("m_"), null, null, Path.of("template.yaml"));
    }

    /** Accepts {@code --name value} and {@code --name=value}. */
    public static Options parse(String... args) {
        Options o = defaults();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--no-rate-limits")) {
                o = new Options(o.port, o.merchantId, o.apiKey, o.dataDir, o.template, false);
                continue;
            }
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + name);
            }
            o = switch (name) {
                case "--port" -> new Options(port(value), o.merchantId, o.apiKey, o.dataDir, o.template, o.rateLimits);
                case "--merchant-id" -> new Options(o.port, value, o.apiKey, o.dataDir, o.template, o.rateLimits);
                case "--api-key" -> new Options(o.port, o.merchantId, value, o.dataDir, o.template, o.rateLimits);
                case "--data-dir" -> new Options(o.port, o.merchantId, o.apiKey, Path.of(value), o.template, o.rateLimits);
                case "--template" -> new Options(o.port, o.merchantId, o.apiKey, o.dataDir, Path.of(value), o.rateLimits);
                default -> throw new IllegalArgumentException("unknown option " + name);
            };
        }
        return o;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, not " + value);
    }
}
