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
import io.cauri.wire.v1.V1RefundList;

// The operations of io.cauri.listrefunds.V1ListRefundsController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "v1 refunds")
@Controller("/api/v1/refunds")
interface V1ListRefundsApi {

    @Operation(operationId = "v1ListRefunds", summary = "List refunds (v1)",
            description = "Cursor pages of the merchant's refunds, of one intent with payment_intent.")
    @SecurityRequirement(name = "Bearer")
    @Parameter(name = "limit", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1ListRefunds.limit")
    @Parameter(name = "starting_after", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1ListRefunds.starting_after")
    @Parameter(name = "ending_before", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1ListRefunds.ending_before")
    @Parameter(name = "payment_intent", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1ListRefunds.payment_intent")
    @ApiResponse(responseCode = "200", description = "One page, newest first.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V1RefundList.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ErrorResponses.CursorNotFound
    @Get
    V1RefundList list(HttpRequest<?> request);
}
