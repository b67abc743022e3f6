package io.cauri.retrieveintent;

import io.cauri.merchant.AuthenticationException;
import io.cauri.merchant.MerchantRepository;
import io.cauri.token.IntentTokens;
import io.cauri.wire.hub2.Hub2RedirectionUrls;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

/**
 * {@code GET /payment-intents/url/{token}}: the merchant's configured redirection URLs, for the client
 * app holding an intent's token (it has no API key).
 */
@Controller("/payment-intents/url/{token}")
public class Hub2ConfiguredUrlsController {

    private final IntentTokens tokens;
    private final MerchantRepository merchants;

    public Hub2ConfiguredUrlsController(IntentTokens tokens, MerchantRepository merchants) {
        this.tokens = tokens;
        this.merchants = merchants;
    }

    @Get
    public Hub2RedirectionUrls urls(@PathVariable String token) {
        var claims = tokens.verify(token);
        return merchants.find(claims.merchantId())
                .map(m -> Hub2RedirectionUrls.of(m.redirectionUrls()))
                .orElseThrow(() -> new AuthenticationException("Invalid token."));
    }
}
