package io.cauri.openapi;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

// The operations of io.cauri.providerevents.PageAssetController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Controller("/pages/{asset}")
interface PageAssetApi {

    @Operation(operationId = "pageAsset", summary = "A static script or stylesheet of the payer pages",
            description = "One of pages.css, sandbox-payment.js, checkout.js.")
    @ApiResponse(responseCode = "200", description = "The asset.",
            content = @Content(mediaType = "text/javascript", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "No such asset.")
    @Get
    @Produces({"text/javascript", "text/css"})
    HttpResponse<String> asset(@PathVariable String asset);
}
