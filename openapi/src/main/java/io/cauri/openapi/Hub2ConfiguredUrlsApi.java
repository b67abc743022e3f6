package io.cauri.openapi;

import io.cauri.web.error.ApiError;
import io.cauri.wire.hub2.Hub2RedirectionUrls;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.retrieveintent.Hub2ConfiguredUrlsController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents/url/{token}")
interface Hub2ConfiguredUrlsApi {

    @Operation(operationId = "hub2RedirectionUrls", summary = "The merchant's configured redirection URLs",
            description = "For the client app, which holds an intent's token and no API key.")
    @ApiResponse(responseCode = "200", description = "The configured URLs (null where none).",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2RedirectionUrls.class)))
    @ApiResponse(responseCode = "401", description = "Invalid or expired token.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get
    Hub2RedirectionUrls urls(@Parameter(description = "An intent's token.") @PathVariable String token);
}
