package io.cauri.payments;

import io.cauri.intent.PaymentService;
import io.cauri.web.ApiError;
import io.cauri.web.CallerResolver;
import io.cauri.web.hub2.Hub2PaymentIntent.Hub2Payment;
import io.cauri.web.hub2.Hub2PaymentListRequest;
import io.cauri.web.hub2.Hub2PaymentStatus;
import io.swagger.v3.oas.annotations.headers.Header;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The merchant's payment attempts across intents: {@code GET /payments} (filters {@code intentId},
 * {@code status}, time range, pages) and {@code GET /payments/{id}/status}.
 */
@Tag(name = "HUB2 payments")
@Controller("/payments")
public class PaymentsController {

    private final CallerResolver callers;
    private final PaymentService payments;
    private final Clock clock;

    public PaymentsController(CallerResolver callers, PaymentService payments, Clock clock) {
        this.callers = callers;
        this.payments = payments;
        this.clock = clock;
    }

    @Operation(operationId = "hub2ListPayments", summary = "List payments",
            description = "The merchant's payment attempts across intents, newest first.")
    @SecurityRequirement(name = "ApiKey")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = true,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = true,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @Parameter(name = "intentId", in = ParameterIn.QUERY, schema = @Schema(pattern = "^pi_"))
    @Parameter(name = "status", in = ParameterIn.QUERY, schema = @Schema(allowableValues = {"processing",
            "action_required", "successful", "failed"}))
    @Parameter(name = "from", in = ParameterIn.QUERY,
            description = "ISO-8601 start (default: the first of this month, UTC).",
            schema = @Schema(format = "date-time"))
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "ISO-8601 end (default: now).",
            schema = @Schema(format = "date-time"))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "1-based page (default 1).",
            schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(name = "perPage", in = ParameterIn.QUERY, description = "Page size (default 10).",
            schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
    @ApiResponse(responseCode = "200", description = "One page of payments.",
            content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Hub2Payment.class))),
            headers = {@Header(name = "X-Total-Count", schema = @Schema(type = "integer")), @Header(name = "X-Page",
            schema = @Schema(type = "integer")), @Header(name = "X-Per-Page", schema = @Schema(type = "integer")),
            @Header(name = "Link", description = "RFC 8288 first, prev, next, last.",
            schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "Invalid input: `code` says what, `param` names the field.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get
    public HttpResponse<List<Hub2Payment>> list(HttpRequest<?> request) {
        var caller = callers.server(request);
        var query = Hub2PaymentListRequest.parse(request.getParameters(), Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        var page = payments.list(caller, query.toQuery());
        return HttpResponse.ok(page.items().stream().map(Hub2Payment::of).toList())
                .headers(h -> query.headers(request.getPath(), page.total()).forEach(h::add));
    }

    @Operation(operationId = "hub2PaymentStatus", summary = "A payment's status")
    @SecurityRequirement(name = "ApiKey")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = true,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = true,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @ApiResponse(responseCode = "200", description = "The payment's id and status.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2PaymentStatus.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "No such payment for this merchant.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get("/{id}/status")
    public Hub2PaymentStatus status(HttpRequest<?> request, @PathVariable String id) {
        return Hub2PaymentStatus.of(payments.payment(callers.server(request), id));
    }
}
