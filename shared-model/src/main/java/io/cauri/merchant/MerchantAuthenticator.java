package io.cauri.merchant;

import jakarta.inject.Singleton;

/**
 * Checks HUB2 server credentials: {@code MerchantId} + {@code ApiKey} + {@code Environment}. A key of
 * another merchant, a revoked key, or a key of the other mode all fail the same way.
 */
@Singleton
public class MerchantAuthenticator {

    private final MerchantRepository merchants;

    public MerchantAuthenticator(MerchantRepository merchants) {
        this.merchants = merchants;
    }

    /** v1: {@code Authorization: Bearer <api key>}; the mode is the key's own. */
    public Caller bearer(String apiKey) {
        for (Merchant merchant : merchants.findByApiKey(apiKey).stream().toList()) {
            ApiKey key = merchant.keyMatching(apiKey).orElse(null);
            if (key != null) {
                return Caller.server(merchant.id(), key.mode());
            }
        }
        throw new AuthenticationException("Invalid API key.");
    }

    public Caller authenticate(String merchantId, String apiKey, Mode environment) {
        ApiKey key = merchants.find(merchantId)
                .flatMap(m -> m.keyMatching(apiKey))
                .orElseThrow(() -> new AuthenticationException("Invalid API key or merchant id."));
        if (key.mode() != environment) {
            throw new AuthenticationException("This API key is not valid in the " + environment.wire() + " environment.");
        }
        return Caller.server(merchantId, environment);
    }
}
