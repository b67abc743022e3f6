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
import io.cauri.wire.hub2.Hub2Refund;

// The operations of io.cauri.retrieverefund.Hub2RetrieveRefundController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "HUB2 refunds")
@Controller("/refunds/{id}")
interface Hub2RetrieveRefundApi {

    @Operation(operationId = "hub2RetrieveRefund", summary = "Retrieve a refund")
    @Callers.MerchantServer
    @ApiResponse(responseCode = "200", description = "The refund.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Hub2Refund.class)))
    @ErrorResponses.Unauthorized
    @ApiResponse(responseCode = "404", description = "No such refund for this merchant in this mode (another merchant's is 404 too).",
            content = @Content(schema = @Schema(implementation = io.cauri.web.error.ApiError.class)))
    @Get
    Hub2Refund retrieve(HttpRequest<?> request, @PathVariable String id);
}
