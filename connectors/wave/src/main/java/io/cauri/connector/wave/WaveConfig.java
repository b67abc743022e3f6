package io.cauri.connector.wave;

import java.net.URI;
import java.time.Duration;

/**
 * The platform's Wave credentials and endpoint (one wallet, one API key). Secrets never appear in
 * {@link #toString()}, so a configuration logged by mistake leaks nothing.
 *
 * @param baseUrl        {@code https://api.wave.com} in production; a simulator's URL in tests and local demos
 * @param apiKey         the Bearer key ({@code wave_sn_prod_…})
 * @param signingSecret  the request-signing secret ({@code wave_sn_AKS_…}) when the key was created with request
 *                       signing; null when it was not (requests are then sent unsigned)
 * @param webhookSecret  the webhook signing secret ({@code wave_sn_WHS_…}) that verifies Wave's webhooks
 * @param connectTimeout bound on opening a connection
 * @param requestTimeout bound on one request, from sending to the whole answer
 * @param creationGrace  how old a payment must be before "Wave has no session for it" is final: past it, no create
 *                       request of ours can still be in flight (keep it well above {@code requestTimeout})
 */
public record WaveConfig(URI baseUrl, String apiKey, String signingSecret, String webhookSecret,
                         Duration connectTimeout, Duration requestTimeout, Duration creationGrace) {

    public WaveConfig {
        if (baseUrl == null || baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("Wave baseUrl must be an absolute URL");
        }
        String scheme = baseUrl.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = baseUrl.getHost();
        // plain HTTP only to this machine (the simulator): the API key crosses the network in every request
        if (!scheme.equals("https") && !(scheme.equals("http") && (host.equals("127.0.0.1") || host.equals("localhost")
                || host.equals("[::1]") || host.equals("::1")))) {
            throw new IllegalArgumentException("Wave baseUrl must be https (http only for a loopback simulator)");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("Wave apiKey is required");
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("Wave webhookSecret is required");
        }
        if (signingSecret != null && signingSecret.isBlank()) {
            signingSecret = null;
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        creationGrace = creationGrace == null ? Duration.ofMinutes(2) : creationGrace;
        if (creationGrace.compareTo(requestTimeout.plus(connectTimeout)) <= 0) {
            throw new IllegalArgumentException("creationGrace must exceed connectTimeout + requestTimeout");
        }
    }

    /** Production defaults: 3 s to connect, 10 s per request, 2 min of creation grace. */
    public WaveConfig(URI baseUrl, String apiKey, String signingSecret, String webhookSecret) {
        this(baseUrl, apiKey, signingSecret, webhookSecret, null, null, null);
    }

    public WaveConfig withTimeouts(Duration connect, Duration request, Duration grace) {
        return new WaveConfig(baseUrl, apiKey, signingSecret, webhookSecret, connect, request, grace);
    }

    @Override
    public String toString() {
        return "WaveConfig[baseUrl=" + baseUrl + ", apiKey=<redacted>, signingSecret="
                + (signingSecret == null ? "none" : "<redacted>") + ", webhookSecret=<redacted>, connectTimeout="
                + connectTimeout + ", requestTimeout=" + requestTimeout + ", creationGrace=" + creationGrace + "]";
    }
}
