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
import io.cauri.wire.v1.V1Payout;

// The operations of io.cauri.retrievetransfer.V1RetrievePayoutController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "v1 payouts")
@Controller("/api/v1/payouts/{id}")
interface V1RetrievePayoutApi {

    @Operation(operationId = "v1RetrievePayout", summary = "Retrieve a payout (v1)")
    @SecurityRequirement(name = "Bearer")
    @ApiResponse(responseCode = "200", description = "The payout.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V1Payout.class)))
    @ErrorResponses.Unauthorized
    @ApiResponse(responseCode = "404", description = "No such payout for this merchant in this mode (another merchant's is 404 too).",
            content = @Content(schema = @Schema(implementation = io.cauri.web.error.ApiError.class)))
    @Get
    V1Payout retrieve(HttpRequest<?> request, @PathVariable String id);
}
