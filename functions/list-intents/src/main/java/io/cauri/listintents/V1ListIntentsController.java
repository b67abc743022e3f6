package io.cauri.listintents;

import io.cauri.intent.PaymentIntentService;
import io.cauri.web.ApiError;
import io.cauri.web.CallerResolver;
import io.cauri.web.v1.V1List;
import io.cauri.web.v1.V1PaymentIntent;
import io.cauri.web.v1.V1Requests;
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

/** {@code GET /api/v1/payment-intents}: cursor pages ({@code starting_after} / {@code ending_before}), newest first. */
@Tag(name = "v1 payment intents")
@Controller("/api/v1/payment-intents")
public class V1ListIntentsController {

    private final CallerResolver callers;
    private final PaymentIntentService intents;

    public V1ListIntentsController(CallerResolver callers, PaymentIntentService intents) {
        this.callers = callers;
        this.intents = intents;
    }

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
    @ApiResponse(responseCode = "400", description = "Invalid input: `code` says what, `param` names the field.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get
    public V1List list(HttpRequest<?> request) {
        var caller = callers.server(request);
        var query = V1Requests.list(request.getParameters());
        var page = intents.page(caller, query.limit(), query.startingAfter(), query.endingBefore());
        return V1List.of(page.items().stream().map(V1PaymentIntent::of).toList(), page.hasMore(), "/api/v1/payment-intents");
    }
}
