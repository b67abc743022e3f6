package io.cauri.openapi;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import io.cauri.wire.hub2.Hub2Transfer;

// The operations of io.cauri.listtransfers.Hub2ListTransfersController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "HUB2 transfers")
@Controller("/transfers")
interface Hub2ListTransfersApi {

    @Operation(operationId = "hub2ListTransfers", summary = "List transfers",
            description = "The merchant's transfers in the requested mode, newest first, one page at a time.")
    @Callers.MerchantServer
    @Parameter(name = "reference", in = ParameterIn.QUERY,
            ref = "#/components/parameters/Hub2ListTransfers.reference")
    @Parameter(name = "status", in = ParameterIn.QUERY,
            ref = "#/components/parameters/Hub2ListTransfers.status")
    @RequestParameters.DateRangePage
    @ApiResponse(responseCode = "200", description = "One page of transfers.",
            content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Hub2Transfer.class))),
            headers = {@Header(name = "X-Total-Count", schema = @Schema(type = "integer")), @Header(name = "X-Page",
            schema = @Schema(type = "integer")), @Header(name = "X-Per-Page", schema = @Schema(type = "integer")),
            @Header(name = "Link", description = "RFC 8288 first, prev, next, last.",
            schema = @Schema(type = "string"))})
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @Get
    HttpResponse<List<Hub2Transfer>> list(HttpRequest<?> request);
}
