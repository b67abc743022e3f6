package io.cauri.connector.mtn;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The platform's MTN MoMo Collection account: where MTN is and the credentials it gave. Secrets (the
 * subscription key, the API user and its key) never appear in {@link #toString()}.
 *
 * <p>The base URL is operator configuration, not merchant input, so the webhook SSRF rule (which refuses
 * loopback and private addresses, because a merchant chooses the URL) does not fit it: the simulator and a
 * local endpoint are on loopback on purpose. The rule here is the one that matters for a provider: HTTPS,
 * except on a loopback address (the simulator), and no credentials, query or fragment in the URL.
 *
 * @param baseUrl           {@code https://sandbox.momodeveloper.mtn.com}, {@code https://proxy.momoapi.mtn.com}…
 * @param targetEnvironment {@code X-Target-Environment}: {@code sandbox}, {@code mtnivorycoast}, {@code mtncameroon}…
 * @param currency          the target environment's currency (EUR in MTN's sandbox)
 * @param callbackUrl       {@code X-Callback-Url} (null: none); {@code {paymentId}} in it is replaced by the payment id
 */
public record MtnMomoConfig(String baseUrl, String subscriptionKey, String apiUser, String apiKey,
                            String targetEnvironment, String currency, String callbackUrl, Disbursement disbursement) {

    /**
     * The Disbursement product's own credentials (MTN gives each product its own subscription key, and the API
     * user is provisioned per product): a connector without them sends no transfer and no refund.
     */
    public record Disbursement(String subscriptionKey, String apiUser, String apiKey) {
        public Disbursement {
            require(subscriptionKey, "disbursement subscriptionKey");
            require(apiUser, "disbursement apiUser");
            require(apiKey, "disbursement apiKey");
        }

        @Override
        public String toString() {
            return "Disbursement[subscriptionKey, apiUser, apiKey redacted]";
        }
    }

    /** Collection only: no Disbursement product. */
    public MtnMomoConfig(String baseUrl, String subscriptionKey, String apiUser, String apiKey,
                         String targetEnvironment, String currency, String callbackUrl) {
        this(baseUrl, subscriptionKey, apiUser, apiKey, targetEnvironment, currency, callbackUrl, null);
    }

    /** This configuration with the Disbursement product's credentials. */
    public MtnMomoConfig withDisbursement(Disbursement credentials) {
        return new MtnMomoConfig(baseUrl, subscriptionKey, apiUser, apiKey, targetEnvironment, currency, callbackUrl,
                credentials);
    }

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public MtnMomoConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        checkBaseUrl(baseUrl);
        require(subscriptionKey, "subscriptionKey");
        require(apiUser, "apiUser");
        require(apiKey, "apiKey");
        require(targetEnvironment, "targetEnvironment");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("MTN MoMo currency must be an ISO 4217 code, e.g. XOF");
        }
        if (callbackUrl != null) {
            checkCallbackUrl(callbackUrl);
        }
    }

    /** MTN's sandbox takes any of our currencies' amounts but only in EUR. */
    public boolean sandbox() {
        return "sandbox".equals(targetEnvironment);
    }

    @Override
    public String toString() {
        return "MtnMomoConfig[baseUrl=" + baseUrl + ", targetEnvironment=" + targetEnvironment + ", currency="
                + currency + ", callbackUrl=" + callbackUrl + ", disbursement=" + (disbursement != null)
                + ", subscriptionKey, apiUser, apiKey redacted]";
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("MTN MoMo " + name + " is missing");
        }
    }

    private static void checkBaseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("MTN MoMo baseUrl is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("MTN MoMo baseUrl must be scheme://host[:port][/path], without "
                    + "credentials, query or fragment");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopbackLiteral(uri.getHost()))) {
            throw new IllegalArgumentException("MTN MoMo baseUrl must be https (http only on a loopback address)");
        }
    }

    private static void checkCallbackUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.replace("{paymentId}", "x"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("MTN MoMo callbackUrl is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("MTN MoMo callbackUrl must be an absolute http(s) URL "
                    + "(MTN's sandbox calls back over http only, production over https only)");
        }
    }

    /** Loopback by its address, or the name localhost: no lookup, so a name cannot be made to point elsewhere. */
    private static boolean isLoopbackLiteral(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
