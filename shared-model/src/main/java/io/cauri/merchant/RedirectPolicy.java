package io.cauri.merchant;

import io.cauri.refusal.InvalidPaymentException;
import io.cauri.refusal.Refusal;
import io.cauri.url.Urls;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where an attempt's redirection URLs may send the payer. They are chosen by whoever holds the intent's token
 * — the payer's app, or anyone the token leaked to — and the payer's browser follows them from pages the API
 * serves, so any URL would make the API an open redirector. Allowed:
 * <ul>
 *   <li>the origins the merchant configured ({@link Merchant#redirectOrigins()}), and those of its configured
 *       redirection URLs;</li>
 *   <li>in both modes, the API's own hosted checkout, {@code <public base URL>/checkout} (the page brings the
 *       payer back to itself after a redirection flow), and no other path of that host;</li>
 *   <li>in sandbox, when the merchant configured none: any {@code https} origin, and {@code http(s)} on
 *       loopback ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) for development;</li>
 *   <li>in live, nothing else: a live merchant configures its origins first.</li>
 * </ul>
 */
@Singleton
public class RedirectPolicy {
    /** The hosted checkout's path under the API's public base URL. */
    static final String CHECKOUT_PATH = "/checkout";

    private final MerchantRepository merchants;
    /** Origin of the API's public base URL ({@code cauri.sandbox.base-url}); null when not configured. */
    private final String publicOrigin;

    public RedirectPolicy(MerchantRepository merchants, @Value("${cauri.sandbox.base-url:}") String publicBaseUrl) {
        this.merchants = merchants;
        this.publicOrigin = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : origin(publicBaseUrl.strip()).orElse(null);
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

    private void check(Merchant merchant, Mode mode, String param, String url) {
        if (url != null && !isHostedCheckout(url) && !allows(merchant, mode, url)) {
            throw new InvalidPaymentException(Refusal.INVALID_PARAMETER, param, param + " must be on one of your "
                    + "configured redirect origins" + (mode == Mode.SANDBOX
                    ? " (with none configured, sandbox takes any https origin or loopback)." : "."));
        }
    }

    /** {@code <public base URL>/checkout}, any query: the API's own hosted checkout page. */
    boolean isHostedCheckout(String url) {
        if (publicOrigin == null || !origin(url).map(publicOrigin::equals).orElse(false)) {
            return false;
        }
        try {
            return CHECKOUT_PATH.equals(new URI(url).getRawPath());
        } catch (URISyntaxException e) {
            return false;
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
        return Urls.isLoopbackHost(uri.getHost()) || (configured.isEmpty() && "https".equalsIgnoreCase(uri.getScheme()));
    }

    /** {@code scheme://host[:port]}, lowercase, default ports dropped; empty for anything but absolute http(s). */
    public static Optional<String> origin(String url) {
        return Urls.origin(url);
    }
}
