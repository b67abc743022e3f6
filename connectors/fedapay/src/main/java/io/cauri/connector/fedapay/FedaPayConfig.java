package io.cauri.connector.fedapay;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The platform's FedaPay account: where its API is ({@code https://sandbox-api.fedapay.com} or
 * {@code https://api.fedapay.com}; a loopback address for the simulator), the secret key sent as
 * {@code Authorization: Bearer …}, and the webhook endpoint's secret. Never printed: {@link #toString()} hides both
 * secrets, so a log line or an exception message that shows the configuration shows no credential.
 *
 * @param connectTimeout  bound on opening a connection (nothing is sent before it is open)
 * @param requestTimeout  bound on each call once sent; past it the outcome of that call is unknown
 * @param webhookTolerance how far a webhook's signed timestamp may be from now (fedapay-php: 300 s)
 */
public record FedaPayConfig(URI baseUrl, String secretKey, String webhookSecret, Duration connectTimeout,
                            Duration requestTimeout, Duration webhookTolerance) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WEBHOOK_TOLERANCE = Duration.ofMinutes(5);

    public FedaPayConfig {
        if (baseUrl == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute URL");
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        // plain HTTP only to this machine (the simulator): the secret key crosses the network in every request
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(baseUrl.getHost()))) {
            throw new IllegalArgumentException("baseUrl must be https (http only for a loopback simulator)");
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("secretKey is required");
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("webhookSecret is required");
        }
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
        requestTimeout = positive(requestTimeout, DEFAULT_REQUEST_TIMEOUT, "requestTimeout");
        webhookTolerance = positive(webhookTolerance, DEFAULT_WEBHOOK_TOLERANCE, "webhookTolerance");
    }

    /** The three values of the providers configuration ({@code "fedapay": {baseUrl, secretKey, webhookSecret}}). */
    public FedaPayConfig(URI baseUrl, String secretKey, String webhookSecret) {
        this(baseUrl, secretKey, webhookSecret, null, null, null);
    }

    public FedaPayConfig withTimeouts(Duration connect, Duration request) {
        return new FedaPayConfig(baseUrl, secretKey, webhookSecret, connect, request, webhookTolerance);
    }

    public FedaPayConfig withWebhookTolerance(Duration tolerance) {
        return new FedaPayConfig(baseUrl, secretKey, webhookSecret, connectTimeout, requestTimeout, tolerance);
    }

    @Override
    public String toString() {
        return "FedaPayConfig[baseUrl=" + baseUrl + ", secretKey=****, webhookSecret=****, connectTimeout="
                + connectTimeout + ", requestTimeout=" + requestTimeout + ", webhookTolerance=" + webhookTolerance + "]";
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
    }
}
