package io.cauri.listintents;

import io.cauri.intent.IntentRepository;
import io.cauri.intent.PaymentIntentService;
import io.cauri.token.IntentTokens;
import io.cauri.web.ApiError;
import io.cauri.web.CallerResolver;
import io.cauri.web.hub2.Hub2ListRequest;
import io.cauri.web.hub2.Hub2PaymentIntent;
import io.swagger.v3.oas.annotations.headers.Header;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /payment-intents}: the merchant's intents in the requested mode, newest first, one page at a
 * time, with {@code X-Total-Count}, {@code X-Page}, {@code X-Per-Page} and {@code Link} headers.
 */
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents")
public class ListIntentsController {

    private final CallerResolver callers;
    private final PaymentIntentService intents;
    private final IntentTokens tokens;

    public ListIntentsController(CallerResolver callers, PaymentIntentService intents, IntentTokens tokens) {
        this.callers = callers;
        this.intents = intents;
        this.tokens = tokens;
    }

    @Operation(operationId = "hub2ListIntents", summary = "List payment intents",
            description = "The merchant's intents in the requested mode, newest first, one page at a time.")
    @SecurityRequirement(name = "ApiKey")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = true,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = true,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @Parameter(name = "customerReference", in = ParameterIn.QUERY,
            schema = @Schema(pattern = "^[A-Za-z0-9\\-_. ]{1,64}$"))
    @Parameter(name = "purchaseReference", in = ParameterIn.QUERY,
            schema = @Schema(pattern = "^[A-Za-z0-9\\-_. ]{1,64}$"))
    @Parameter(name = "from", in = ParameterIn.QUERY,
            description = "ISO-8601 start (default: the first of this month, UTC).",
            schema = @Schema(format = "date-time"))
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "ISO-8601 end (default: now).",
            schema = @Schema(format = "date-time"))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "1-based page (default 1).",
            schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(name = "perPage", in = ParameterIn.QUERY, description = "Page size (default 10).",
            schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
    @ApiResponse(responseCode = "200", description = "One page of intents.",
            content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Hub2PaymentIntent.class))),
            headers = {@Header(name = "X-Total-Count", schema = @Schema(type = "integer")), @Header(name = "X-Page",
            schema = @Schema(type = "integer")), @Header(name = "X-Per-Page", schema = @Schema(type = "integer")),
            @Header(name = "Link", description = "RFC 8288 first, prev, next, last.",
            schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "Invalid input: `code` says what, `param` names the field.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get
    public HttpResponse<List<Hub2PaymentIntent>> list(HttpRequest<?> request) {
        var caller = callers.server(request);
        var query = Hub2ListRequest.parse(request.getParameters(), intents.now());
        IntentRepository.Page page = intents.list(query.toQuery(caller));
        List<Hub2PaymentIntent> body = page.items().stream().map(i -> Hub2PaymentIntent.of(i, tokens.issue(i))).toList();
        return HttpResponse.ok(body).headers(h -> query.headers(request.getPath(), page.total()).forEach(h::add));
    }
}
