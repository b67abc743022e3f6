package io.cauri.sdk;

import java.net.URI;
import java.time.Duration;

/**
 * What a {@link Cauri} client is set up with. {@code apiKey} null is a client-side configuration (the payer's app):
 * it sends no credentials, and calls the token routes with the intent's token only (README "Collecting the
 * payment"). {@code merchantId} is needed by the HUB2 routes with an API key; the v1 family needs the key only.
 */
record CauriConfig(URI baseUrl, String apiKey, String merchantId, String environment, RetryPolicy retryPolicy,
                   Duration connectTimeout, Duration readTimeout) {
    static final String SDK_VERSION = "0.1.0";

    CauriConfig {
        if (baseUrl == null || baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL");
        }
        if (!"sandbox".equals(environment) && !"live".equals(environment)) {
            throw new IllegalArgumentException("environment must be sandbox or live");
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
    }

    /** The base URL's path without a trailing slash ("" for a host root), which every route is under. */
    String basePath() {
        String p = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    String baseUrlString() {
        String s = baseUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
