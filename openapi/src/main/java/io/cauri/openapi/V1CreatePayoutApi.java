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
import io.cauri.wire.v1.V1Payout;

// The operations of io.cauri.createtransfer.V1CreatePayoutController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "v1 payouts")
@Controller("/api/v1/payouts")
interface V1CreatePayoutApi {

    @Operation(operationId = "v1CreatePayout", summary = "Create a payout (v1)",
            description = "Reserves the amount from the available balance (400 balance_insufficient when it does not cover it), then asks the provider.")
    @SecurityRequirement(name = "Bearer")
    @RequestParameters.Idempotent
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1MoneyOutRequestSchemas.CreatePayout.class)))
    @ApiResponse(responseCode = "201", description = "Created: pending, or already final if the provider answered at once.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V1Payout.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ApiResponse(responseCode = "409", description = "The merchant's books were busy with another write (`concurrent_change`: try again), or the same Idempotency-Key is still running (`idempotency_key_in_use`).",
            content = @Content(schema = @Schema(implementation = io.cauri.web.error.ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> create(HttpRequest<String> request);
}
