package io.cauri.connector.live;

import io.cauri.connector.fedapay.FedaPayConfig;
import io.cauri.connector.mtn.MtnMomoConfig;
import io.cauri.connector.wave.WaveConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Each connector's settings (one flat JSON object of strings, as {@code ConnectorSettings} gives them) as its
 * configuration record. Unknown keys are ignored (a secret may carry more than a connector reads); a missing or
 * malformed one is an {@link IllegalArgumentException} that names the key and never quotes its value.
 */
final class LiveConnectorSettings {
    /** Where MTN sends its (unsigned) callbacks under the API's public base URL: provider-events' route. */
    static final String MTN_CALLBACK_PATH = "/providers/mtn-momo/events/{paymentId}";

    private LiveConnectorSettings() {
    }

    /**
     * MTN MoMo Collection. {@code callbackUrl} from the settings if they have one, else the API's public base URL
     * plus {@value #MTN_CALLBACK_PATH}, else none (the reconciliation's status reads settle the payment alone).
     */
    static MtnMomoConfig mtnMomo(Map<String, String> s, String publicBaseUrl) {
        String callback = optional(s, "callbackUrl");
        if (callback == null && publicBaseUrl != null && !publicBaseUrl.isBlank()) {
            String base = publicBaseUrl.strip();
            callback = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + MTN_CALLBACK_PATH;
        }
        return new MtnMomoConfig(required(s, "mtn-momo", "baseUrl"), required(s, "mtn-momo", "subscriptionKey"),
                required(s, "mtn-momo", "apiUser"), required(s, "mtn-momo", "apiKey"),
                required(s, "mtn-momo", "targetEnvironment"), required(s, "mtn-momo", "currency"), callback,
                disbursement(s));
    }

    /**
     * MTN's Disbursement product (transfers and refunds): its own subscription key and API user, all three of
     * {@code disbursementSubscriptionKey}, {@code disbursementApiUser}, {@code disbursementApiKey} or none (no
     * money out through MTN).
     */
    private static MtnMomoConfig.Disbursement disbursement(Map<String, String> s) {
        String key = optional(s, "disbursementSubscriptionKey");
        String user = optional(s, "disbursementApiUser");
        String apiKey = optional(s, "disbursementApiKey");
        if (key == null && user == null && apiKey == null) {
            return null;
        }
        if (key == null || user == null || apiKey == null) {
            throw new IllegalArgumentException("mtn-momo settings disbursementSubscriptionKey, disbursementApiUser and "
                    + "disbursementApiKey go together: all three or none");
        }
        return new MtnMomoConfig.Disbursement(key, user, apiKey);
    }

    /** Wave Checkout; {@code signingSecret} only when the API key was created with request signing. */
    static WaveConfig wave(Map<String, String> s) {
        return new WaveConfig(url(s, "wave"), required(s, "wave", "apiKey"), optional(s, "signingSecret"),
                required(s, "wave", "webhookSecret"));
    }

    static FedaPayConfig fedaPay(Map<String, String> s) {
        return new FedaPayConfig(url(s, "fedapay"), required(s, "fedapay", "secretKey"),
                required(s, "fedapay", "webhookSecret"));
    }

    private static URI url(Map<String, String> s, String connector) {
        String value = required(s, connector, "baseUrl");
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(connector + " baseUrl must be scheme://host[:port][/path] "
                        + "without credentials");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(connector + " baseUrl is not a URL"); // the value is not quoted
        }
    }

    private static String required(Map<String, String> s, String connector, String key) {
        String value = s.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(connector + " setting " + key + " is missing");
        }
        return value.strip();
    }

    private static String optional(Map<String, String> s, String key) {
        String value = s.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
