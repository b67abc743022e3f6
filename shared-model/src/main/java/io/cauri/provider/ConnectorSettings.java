package io.cauri.provider;

import java.util.Map;
import java.util.Optional;

/**
 * Port: the platform credentials and endpoint of a live connector, as one flat JSON object of strings per
 * connector ({@code "mtn-momo"}: baseUrl, subscriptionKey, apiUser, apiKey, targetEnvironment, currency;
 * {@code "wave"}: baseUrl, apiKey, webhookSecret, signingSecret; {@code "fedapay"}: baseUrl, secretKey,
 * webhookSecret). In AWS one Secrets Manager secret per connector; in local-api the {@code --providers-config}
 * file. Read when a connector is first used, never at init; never logged, never stored with a payment.
 */
public interface ConnectorSettings {

    /** The connector's settings, or empty if this deployment has none for it (it then takes no live payment). */
    Optional<Map<String, String>> of(String connector);

    /**
     * The settings as adapters return them: unmodifiable, and printed (a log line, an exception message built
     * carelessly) as their keys only, never their values.
     */
    static Map<String, String> redacted(Map<String, String> settings) {
        return new RedactedSettings(settings);
    }
}
