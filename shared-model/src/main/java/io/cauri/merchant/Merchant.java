package io.cauri.merchant;

import java.util.List;
import java.util.Optional;

/**
 * A merchant account: its API keys (hashes only), the redirection URLs it configured for its payers, and the
 * origins ({@code https://shop.example}) an attempt's redirection URLs may point to (see
 * {@link RedirectPolicy}). Both modes share the account; every object a merchant creates belongs to one mode.
 *
 * @param allowRepeatDebits the merchant's opt-out of the duplicate-debit guard: its live attempts on different
 *                          intents may debit the same number the same amount within the guard's window (a shop
 *                          whose payers really buy the same thing twice in a row, e.g. top-ups); off by default
 *                          (io.cauri.payment.DuplicateDebitGuard)
 */
public record Merchant(String id, String name, List<ApiKey> apiKeys, RedirectionUrls redirectionUrls,
                       List<String> redirectOrigins, boolean allowRepeatDebits) {

    public Merchant {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        redirectionUrls = redirectionUrls == null ? RedirectionUrls.NONE : redirectionUrls;
        redirectOrigins = redirectOrigins == null ? List.of() : List.copyOf(redirectOrigins);
    }

    /** A merchant with no redirect origins configured, guarded against duplicate debits. */
    public Merchant(String id, String name, List<ApiKey> apiKeys, RedirectionUrls redirectionUrls) {
        this(id, name, apiKeys, redirectionUrls, List.of(), false);
    }

    /** A merchant guarded against duplicate debits (the default). */
    public Merchant(String id, String name, List<ApiKey> apiKeys, RedirectionUrls redirectionUrls,
                    List<String> redirectOrigins) {
        this(id, name, apiKeys, redirectionUrls, redirectOrigins, false);
    }

    /** The same account with other API keys (every other setting kept). */
    public Merchant withApiKeys(List<ApiKey> keys) {
        return new Merchant(id, name, keys, redirectionUrls, redirectOrigins, allowRepeatDebits);
    }

    /** The same account with other redirection URLs and origins (every other setting kept). */
    public Merchant withRedirects(RedirectionUrls urls, List<String> origins) {
        return new Merchant(id, name, apiKeys, urls, origins, allowRepeatDebits);
    }

    /** The same account with the duplicate-debit opt-out set (every other setting kept). */
    public Merchant withAllowRepeatDebits(boolean allow) {
        return new Merchant(id, name, apiKeys, redirectionUrls, redirectOrigins, allow);
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
