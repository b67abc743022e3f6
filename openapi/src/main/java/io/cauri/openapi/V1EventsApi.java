package io.cauri.openapi;

import io.cauri.web.error.ApiError;
import io.cauri.wire.v1.V1EventList;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.webhooks.V1EventsController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "Webhooks")
@Controller("/api/v1/events")
interface V1EventsApi {

    @Operation(operationId = "v1ListEvents", summary = "The events feed (v1)",
            description = "The same feed as GET /events in a v1 list: the webhooks' events, kept 30 days, oldest "
                    + "first after `starting_after`. Reads forward only: `ending_before` is refused.")
    @SecurityRequirement(name = "Bearer")
    @Parameter(name = "starting_after", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1Events.starting_after")
    @Parameter(name = "type", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1Events.type")
    @Parameter(name = "limit", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1Events.limit")
    @ApiResponse(responseCode = "200", description = "One page, oldest first.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V1EventList.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ApiResponse(responseCode = "404", description = "`starting_after` is not one of your events kept in this mode.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get
    V1EventList list(HttpRequest<?> request);
}
