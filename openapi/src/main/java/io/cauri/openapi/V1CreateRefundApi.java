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
import io.cauri.wire.v1.V1MoneyOutRequestSchemas;
import io.cauri.wire.v1.V1Refund;

// The operations of io.cauri.createrefund.V1CreateRefundController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "v1 refunds")
@Controller("/api/v1/refunds")
interface V1CreateRefundApi {

    @Operation(operationId = "v1CreateRefund", summary = "Refund a payment (v1)",
            description = "Full or partial, several per payment up to the amount paid, one in flight at a time; the amount is reserved from the available balance.")
    @SecurityRequirement(name = "Bearer")
    @RequestParameters.Idempotent
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1MoneyOutRequestSchemas.CreateRefund.class)))
    @ApiResponse(responseCode = "201", description = "Created: pending, or already final if the provider answered at once.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V1Refund.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ApiResponse(responseCode = "404", description = "No such payment intent or payment for this merchant in this mode.",
            content = @Content(schema = @Schema(implementation = io.cauri.web.error.ApiError.class)))
    @ApiResponse(responseCode = "409", description = "The payment is not refundable in its status, another refund of it is in flight (one at a time), the books were busy (`concurrent_change`), or the same Idempotency-Key is still running.",
            content = @Content(schema = @Schema(implementation = io.cauri.web.error.ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> create(HttpRequest<String> request);
}
