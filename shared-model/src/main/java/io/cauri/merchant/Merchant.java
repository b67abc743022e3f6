package io.cauri.merchant;

import java.util.List;
import java.util.Optional;

/**
 * A merchant account: its API keys (hashes only), the redirection URLs it configured for its payers, and the
 * origins ({@code https://shop.example}) an attempt's redirection URLs may point to (see
 * {@link RedirectPolicy}). Both modes share the account; every object a merchant creates belongs to one mode.
 */
public record Merchant(String id, String name, List<ApiKey> apiKeys, RedirectionUrls redirectionUrls,
                       List<String> redirectOrigins) {

    public Merchant {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        redirectionUrls = redirectionUrls == null ? RedirectionUrls.NONE : redirectionUrls;
        redirectOrigins = redirectOrigins == null ? List.of() : List.copyOf(redirectOrigins);
    }

    /** A merchant with no redirect origins configured. */
    public Merchant(String id, String name, List<ApiKey> apiKeys, RedirectionUrls redirectionUrls) {
        this(id, name, apiKeys, redirectionUrls, List.of());
    }

    /**
     * The key matching this secret, checking every key so the time taken does not tell which key or how
     * many keys exist.
     */
    public Optional<ApiKey> keyMatching(String secret) {
        ApiKey found = null;
        for (ApiKey key : apiKeys) {
            if (key.matches(secret) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    /** URLs the payer is sent to after a redirection flow (HUB2 "configured URLs"). */
    public record RedirectionUrls(String onSuccessRedirectionUrl, String onFailedRedirectionUrl,
                                  String onCancelRedirectionUrl, String onFinishRedirectionUrl) {
        public static final RedirectionUrls NONE = new RedirectionUrls(null, null, null, null);
    }
}
