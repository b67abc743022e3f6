package io.cauri.retrieveintent;

import io.cauri.merchant.AuthenticationException;
import io.cauri.merchant.MerchantRepository;
import io.cauri.token.IntentTokens;
import io.cauri.web.ApiError;
import io.cauri.web.hub2.Hub2RedirectionUrls;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /payment-intents/url/{token}}: the merchant's configured redirection URLs, for the client
 * app holding an intent's token (it has no API key).
 */
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents/url/{token}")
public class ConfiguredUrlsController {

    private final IntentTokens tokens;
    private final MerchantRepository merchants;

    public ConfiguredUrlsController(IntentTokens tokens, MerchantRepository merchants) {
        this.tokens = tokens;
        this.merchants = merchants;
    }

    @Operation(operationId = "hub2RedirectionUrls", summary = "The merchant's configured redirection URLs",
            description = "For the client app, which holds an intent's token and no API key.")
    @ApiResponse(responseCode = "200", description = "The configured URLs (null where none).",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2RedirectionUrls.class)))
    @ApiResponse(responseCode = "401", description = "Invalid or expired token.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get
    public Hub2RedirectionUrls urls(@Parameter(description = "An intent's token.") @PathVariable String token) {
        var claims = tokens.verify(token);
        return merchants.find(claims.merchantId())
                .map(m -> Hub2RedirectionUrls.of(m.redirectionUrls()))
                .orElseThrow(() -> new AuthenticationException("Invalid token."));
    }
}
