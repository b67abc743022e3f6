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
import io.cauri.wire.v1.V1PayoutList;

// The operations of io.cauri.listtransfers.V1ListPayoutsController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "v1 payouts")
@Controller("/api/v1/payouts")
interface V1ListPayoutsApi {

    @Operation(operationId = "v1ListPayouts", summary = "List payouts (v1)",
            description = "Cursor pages of the merchant's payouts.")
    @SecurityRequirement(name = "Bearer")
    @Parameter(name = "limit", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1ListPayouts.limit")
    @Parameter(name = "starting_after", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1ListPayouts.starting_after")
    @Parameter(name = "ending_before", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1ListPayouts.ending_before")
    @ApiResponse(responseCode = "200", description = "One page, newest first.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V1PayoutList.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ErrorResponses.CursorNotFound
    @Get
    V1PayoutList list(HttpRequest<?> request);
}
