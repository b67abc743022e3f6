package io.cauri.openapi;

import io.cauri.web.error.ApiError;
import io.cauri.wire.hub2.Hub2PaymentIntent.Hub2Payment;
import io.cauri.wire.hub2.Hub2PaymentStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

// The operations of io.cauri.payments.Hub2PaymentsController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "HUB2 payments")
@Controller("/payments")
interface Hub2PaymentsApi {

    @Operation(operationId = "hub2ListPayments", summary = "List payments",
            description = "The merchant's payment attempts across intents, newest first.")
    @Callers.MerchantServer
    @Parameter(name = "intentId", in = ParameterIn.QUERY,
            ref = "#/components/parameters/Hub2Payments.intentId")
    @Parameter(name = "status", in = ParameterIn.QUERY,
            ref = "#/components/parameters/Hub2Payments.status")
    @RequestParameters.DateRangePage
    @ApiResponse(responseCode = "200", description = "One page of payments.",
            content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Hub2Payment.class))),
            headers = {@Header(name = "X-Total-Count", schema = @Schema(type = "integer")), @Header(name = "X-Page",
            schema = @Schema(type = "integer")), @Header(name = "X-Per-Page", schema = @Schema(type = "integer")),
            @Header(name = "Link", description = "RFC 8288 first, prev, next, last.",
            schema = @Schema(type = "string"))})
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @Get
    HttpResponse<List<Hub2Payment>> list(HttpRequest<?> request);

    @Operation(operationId = "hub2PaymentStatus", summary = "A payment's status")
    @Callers.MerchantServer
    @ApiResponse(responseCode = "200", description = "The payment's id and status.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2PaymentStatus.class)))
    @ErrorResponses.Unauthorized
    @ApiResponse(responseCode = "404", description = "No such payment for this merchant.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get("/{id}/status")
    Hub2PaymentStatus status(HttpRequest<?> request, @PathVariable String id);
}
