package io.cauri.openapi;

import io.cauri.wire.v1.V1List;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

// The operations of io.cauri.listintents.V1ListIntentsController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "v1 payment intents")
@Controller("/api/v1/payment-intents")
interface V1ListIntentsApi {

    @Operation(operationId = "v1ListIntents", summary = "List payment intents (v1)",
            description = "Cursor pages, newest first.")
    @SecurityRequirement(name = "Bearer")
    @Parameter(name = "limit", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1ListIntents.limit")
    @Parameter(name = "starting_after", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1ListIntents.starting_after")
    @Parameter(name = "ending_before", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1ListIntents.ending_before")
    @ApiResponse(responseCode = "200", description = "A list object.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V1List.class),
            examples = @ExampleObject(name = "v1List", ref = "#/components/examples/v1List")))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @Get
    V1List list(HttpRequest<?> request);
}
