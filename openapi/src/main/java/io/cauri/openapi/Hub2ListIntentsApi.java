package io.cauri.openapi;

import io.cauri.wire.hub2.Hub2PaymentIntent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

// The operations of io.cauri.listintents.Hub2ListIntentsController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents")
interface Hub2ListIntentsApi {

    @Operation(operationId = "hub2ListIntents", summary = "List payment intents",
            description = "The merchant's intents in the requested mode, newest first, one page at a time.")
    @Callers.MerchantServer
    @Parameter(name = "customerReference", in = ParameterIn.QUERY,
            ref = "#/components/parameters/Hub2ListIntents.customerReference")
    @Parameter(name = "purchaseReference", in = ParameterIn.QUERY,
            ref = "#/components/parameters/Hub2ListIntents.purchaseReference")
    @RequestParameters.DateRangePage
    @ApiResponse(responseCode = "200", description = "One page of intents.",
            content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Hub2PaymentIntent.class))),
            headers = {@Header(name = "X-Total-Count", schema = @Schema(type = "integer")), @Header(name = "X-Page",
            schema = @Schema(type = "integer")), @Header(name = "X-Per-Page", schema = @Schema(type = "integer")),
            @Header(name = "Link", description = "RFC 8288 first, prev, next, last.",
            schema = @Schema(type = "string"))})
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @Get
    HttpResponse<List<Hub2PaymentIntent>> list(HttpRequest<?> request);
}
