package io.cauri.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Console;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code cauri login}: stores the base URL, merchant id and API key of one environment of one profile, after
 * checking them with one authenticated read (a wrong key is refused here, not at the first real command). The key
 * is never printed back whole.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Store your API base URL, merchant id and API key for one environment (--env sandbox|live)",
                "of one profile (--profile), after checking them against the API."})
final class LoginCommand extends ApiCommand {
    static final String LOCAL_API = "http://127.0.0.1:3000";

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The API's base URL (default: the one stored, else local-api's " + LOCAL_API + ").")
    String baseUrl;

    @Option(names = "--merchant-id", paramLabel = "ID", description = "Your merchant id (default: the one stored).")
    String merchantId;

    @Option(names = "--api-key", paramLabel = "KEY", arity = "0..1", interactive = true,
            description = "Your API key of that environment; without a value (or without the option, on a terminal) it is asked for, unechoed.")
    char[] apiKey;

    @Option(names = "--no-verify", description = "Store without calling the API.")
    boolean noVerify;

    @Override
    public Integer call() {
        Cauri cauri = cauri();
        String profile = cauri.profile();
        String env = cauri.env();
        Config config = cauri.config();
        Config.Credentials stored = null;
        try {
            stored = config.credentials(profile, env);
        } catch (CliFailure notLoggedIn) {
            // a first login: nothing to default from
        }
        String base = baseUrl != null ? baseUrl : stored != null ? stored.baseUrl() : LOCAL_API;
        String merchant = merchantId != null ? merchantId : stored != null ? stored.merchantId() : null;
        if (merchant == null || merchant.isBlank()) {
            throw new CliFailure(Cauri.EXIT_USAGE, "--merchant-id is required (your merchant id, m_…)");
        }
        String key = key();
        checkBaseUrl(base);

        Config.Credentials credentials = new Config.Credentials(profile, env, base, merchant.strip(), key, null);
        if (!noVerify) {
            // the cheapest authenticated read of either family: one intent of this month
            new Api(credentials, cauri.http()).get("/payment-intents?perPage=1");
        }
        config.store(profile, env, base, credentials.merchantId(), key);
        say("Logged in to " + env + " as " + credentials.merchantId() + " at " + base + " (key " + credentials.keyShown()
                + ", profile " + profile + ")" + (noVerify ? " — not verified" : ""));
        say("Stored in " + config.file());
        return 0;
    }

    private String key() {
        String key = apiKey == null ? null : new String(apiKey).strip();
        if (key == null || key.isEmpty()) {
            Console console = System.console();
            if (console != null) {
                char[] typed = console.readPassword("API key: ");
                key = typed == null ? null : new String(typed).strip();
            }
        }
        if (key == null || key.isEmpty()) {
            throw new CliFailure(Cauri.EXIT_USAGE, "--api-key is required (your API key of that environment)");
        }
        return key;
    }

    private static void checkBaseUrl(String base) {
        try {
            URI uri = new URI(base);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CliFailure(Cauri.EXIT_USAGE, "--base-url must be an http(s) URL such as " + LOCAL_API + ", not " + base);
    }
}
