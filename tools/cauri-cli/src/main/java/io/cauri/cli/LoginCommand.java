package io.cauri.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Console;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

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
        checkBaseUrl(base); // before the key is asked for: a refused URL never gets it
        String key = key();

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

    /**
     * An https URL, or an http one to this machine only (local-api): the API key travels in a header of every
     * request, and over plain http to another host anyone on the path could read it.
     */
    static void checkBaseUrl(String base) {
        URI uri = null;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            // reported below
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new CliFailure(Cauri.EXIT_USAGE, "--base-url must be an http(s) URL such as " + LOCAL_API + ", not " + base);
        }
        if ("http".equals(uri.getScheme()) && !loopback(uri.getHost())) {
            throw new CliFailure(Cauri.EXIT_USAGE, "--base-url must be https (plain http would send your API key "
                    + "unencrypted); http is only for this machine (localhost, 127.0.0.1, [::1]), not " + base);
        }
    }

    /**
     * localhost, or an address literal of the loopback range (127.0.0.0/8, ::1). A name is never looked up: what it
     * resolves to can change, and a name such as localhost.example.com is another host.
     */
    static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean ipv4 = h.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
        if (!ipv4 && !h.contains(":")) {
            return false; // a name
        }
        try {
            // a literal: parsed, not resolved
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
