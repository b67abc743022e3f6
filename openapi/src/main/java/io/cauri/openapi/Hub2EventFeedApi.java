package io.cauri.openapi;

import io.cauri.web.error.ApiError;
import io.cauri.wire.hub2.Hub2EventFeed;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.webhooks.Hub2EventFeedController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "Webhooks")
@Controller
interface Hub2EventFeedApi {

    @Operation(operationId = "listEvents", summary = "The events feed: catch up on missed events",
            description = "The merchant's events in this environment, the very events (ids and bodies) the webhooks "
                    + "deliver, whether or not an endpoint subscribes to them; kept 30 days; oldest first after "
                    + "`after`. Pass each page's `nextCursor` as `after` until `hasMore` is false; an event appears "
                    + "a few seconds after it is logged.")
    @Callers.MerchantServer
    @Parameter(name = "after", in = ParameterIn.QUERY,
            ref = "#/components/parameters/Hub2EventFeed.after")
    @Parameter(name = "type", in = ParameterIn.QUERY,
            ref = "#/components/parameters/Hub2EventFeed.type")
    @Parameter(name = "limit", in = ParameterIn.QUERY,
            ref = "#/components/parameters/Hub2EventFeed.limit")
    @ApiResponse(responseCode = "200", description = "One page, oldest first.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Hub2EventFeed.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ApiResponse(responseCode = "404", description = "`after` is not one of your events kept in this environment.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get(value = "/events", produces = MediaType.APPLICATION_JSON)
    Hub2EventFeed feed(HttpRequest<?> request);
}
