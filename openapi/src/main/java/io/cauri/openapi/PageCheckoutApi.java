package io.cauri.openapi;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

// The operations of io.cauri.providerevents.PageCheckoutController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Controller("/checkout")
interface PageCheckoutApi {

    @Operation(operationId = "checkoutPage", summary = "Hosted checkout page (sandbox demo of a client integration)",
            description = "An HTML page that pays the intent with only its token: operator, number, then OTP.")
    @ApiResponse(responseCode = "200", description = "The checkout page.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "401", description = "The token is invalid or expired: an error page, no form.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
    @Get
    @Produces(MediaType.TEXT_HTML)
    MutableHttpResponse<String> page(@Nullable @QueryValue String token, @Nullable @QueryValue String intent);
}
