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
 * @param providersConfig    live connectors' endpoints and credentials (JSON, {@link ProvidersConfig}); null: none
 * @param liveApiKey         the seeded merchant's live key secret; null issues one (a new merchant only)
 * @param simulatedProviders start the three provider simulators in-process and take live payments through them
 */
public record Options(int port, String merchantId, String apiKey, Path dataDir, Path template, boolean rateLimits,
                      Path providersConfig, String liveApiKey, boolean simulatedProviders) {

    public Options {
        if (merchantId == null || merchantId.isBlank() || merchantId.length() > 64) {
            throw new IllegalArgumentException("--merchant-id must have 1 to 64 characters");
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("--api-key must not be blank");
        }
        if (liveApiKey != null && liveApiKey.isBlank()) {
            throw new IllegalArgumentException("--live-api-key must not be blank");
        }
        if (providersConfig != null && simulatedProviders) {
            throw new IllegalArgumentException("--providers-config and --simulated-providers exclude each other: "
                    + "the simulators configure the connectors themselves");
        }
    }

    public Options(int port, String merchantId, String apiKey, Path dataDir, Path template, boolean rateLimits) {
        this(port, merchantId, apiKey, dataDir, template, rateLimits, null, null, false);
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
              --no-rate-limits    serve without the per-IP rate limits (development, load tests)
              --providers-config FILE  live connectors' endpoints and credentials (JSON: "mtn-momo", "wave",
                                  "fedapay"); enables exactly the connectors it names
              --live-api-key SECRET    the seeded merchant's live API key (default: a newly issued key)
              --simulated-providers    start MTN MoMo, Wave and FedaPay simulators on 127.0.0.1 and take live
                                  payments through them (no provider account needed)""";

    public static Options defaults() {
        return new Options(3000, Ids.next("m_"), null, null, Path.of("template.yaml"));
    }

    /** Accepts {@code --name value} and {@code --name=value}. */
    public static Options parse(String... args) {
        Options o = defaults();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--no-rate-limits")) {
                o = new Options(o.port, o.merchantId, o.apiKey, o.dataDir, o.template, false, o.providersConfig,
                        o.liveApiKey, o.simulatedProviders);
                continue;
            }
            if (name.equals("--simulated-providers")) {
                o = new Options(o.port, o.merchantId, o.apiKey, o.dataDir, o.template, o.rateLimits, o.providersConfig,
                        o.liveApiKey, true);
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
                case "--port" -> o.with(port(value), o.merchantId, o.apiKey, o.dataDir, o.template);
                case "--merchant-id" -> o.with(o.port, value, o.apiKey, o.dataDir, o.template);
                case "--api-key" -> o.with(o.port, o.merchantId, value, o.dataDir, o.template);
                case "--data-dir" -> o.with(o.port, o.merchantId, o.apiKey, Path.of(value), o.template);
                case "--template" -> o.with(o.port, o.merchantId, o.apiKey, o.dataDir, Path.of(value));
                case "--providers-config" -> new Options(o.port, o.merchantId, o.apiKey, o.dataDir, o.template,
                        o.rateLimits, Path.of(value), o.liveApiKey, o.simulatedProviders);
                case "--live-api-key" -> new Options(o.port, o.merchantId, o.apiKey, o.dataDir, o.template,
                        o.rateLimits, o.providersConfig, value, o.simulatedProviders);
                default -> throw new IllegalArgumentException("unknown option " + name);
            };
        }
        return o;
    }

    private Options with(int port, String merchantId, String apiKey, Path dataDir, Path template) {
        return new Options(port, merchantId, apiKey, dataDir, template, rateLimits, providersConfig, liveApiKey,
                simulatedProviders);
    }

    /** These options with the live connectors of a providers configuration file and the seeded live key. */
    public Options withProviders(Path providersConfig, String liveApiKey) {
        return new Options(port, merchantId, apiKey, dataDir, template, rateLimits, providersConfig, liveApiKey, false);
    }

    /** These options with the provider simulators started in-process, and the seeded live key. */
    public Options withSimulatedProviders(String liveApiKey) {
        return new Options(port, merchantId, apiKey, dataDir, template, rateLimits, null, liveApiKey, true);
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
