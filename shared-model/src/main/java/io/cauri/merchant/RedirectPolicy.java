package io.cauri.merchant;

import io.cauri.intent.InvalidPaymentException;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where an attempt's redirection URLs may send the payer. They are chosen by whoever holds the intent's token
 * — the payer's app, or anyone the token leaked to — and the payer's browser follows them from pages the API
 * serves, so any URL would make the API an open redirector. Allowed:
 * <ul>
 *   <li>the origins the merchant configured ({@link Merchant#redirectOrigins()}), and those of its configured
 *       redirection URLs;</li>
 *   <li>in sandbox, when the merchant configured none: any {@code https} origin, and {@code http(s)} on
 *       loopback ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) for development;</li>
 *   <li>in live, nothing else: a live merchant configures its origins first.</li>
 * </ul>
 */
@Singleton
public class RedirectPolicy {
    private final MerchantRepository merchants;

    public RedirectPolicy(MerchantRepository merchants) {
        this.merchants = merchants;
    }

    /** Refuses (400 on {@code param}) any of these URLs the caller's merchant does not allow; nulls are skipped. */
    public void check(Caller caller, String param, String url, String otherParam, String otherUrl) {
        if (url == null && otherUrl == null) {
            return; // no lookup for the usual attempt, which sends none
        }
        Merchant merchant = merchants.find(caller.merchantId()).orElse(null);
        check(merchant, caller.mode(), param, url);
        check(merchant, caller.mode(), otherParam, otherUrl);
    }

    static void check(Merchant merchant, Mode mode, String param, String url) {
        if (url != null && !allows(merchant, mode, url)) {
            throw new InvalidPaymentException("invalid_parameter", param, param + " must be on one of your "
                    + "configured redirect origins" + (mode == Mode.SANDBOX
                    ? " (with none configured, sandbox takes any https origin or loopback)." : "."));
        }
    }

    static boolean allows(Merchant merchant, Mode mode, String url) {
        Optional<String> origin = origin(url);
        if (origin.isEmpty()) {
            return false;
        }
        Set<String> configured = new LinkedHashSet<>();
        if (merchant != null) {
            merchant.redirectOrigins().forEach(o -> origin(o).ifPresent(configured::add));
            Merchant.RedirectionUrls urls = merchant.redirectionUrls();
            for (String u : new String[]{urls.onSuccessRedirectionUrl(), urls.onFailedRedirectionUrl(),
                    urls.onCancelRedirectionUrl(), urls.onFinishRedirectionUrl()}) {
                if (u != null) {
                    origin(u).ifPresent(configured::add);
                }
            }
        }
        if (configured.contains(origin.get())) {
            return true;
        }
        if (mode != Mode.SANDBOX) {
            return false;
        }
        URI uri = URI.create(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        return loopback || (configured.isEmpty() && "https".equalsIgnoreCase(uri.getScheme()));
    }

    /** {@code scheme://host[:port]}, lowercase, default ports dropped; empty for anything but absolute http(s). */
    public static Optional<String> origin(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))
                    || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
