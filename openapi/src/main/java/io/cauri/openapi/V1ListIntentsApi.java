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
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1 to 100 (default 10).",
            schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
    @Parameter(name = "starting_after", in = ParameterIn.QUERY,
            description = "An intent id: the page of older intents after it.", schema = @Schema(type = "string"))
    @Parameter(name = "ending_before", in = ParameterIn.QUERY,
            description = "An intent id: the page of newer intents before it (not with starting_after).",
            schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "200", description = "A list object.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V1List.class),
            examples = @ExampleObject(name = "v1List", ref = "#/components/examples/v1List")))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @Get
    V1List list(HttpRequest<?> request);
}
