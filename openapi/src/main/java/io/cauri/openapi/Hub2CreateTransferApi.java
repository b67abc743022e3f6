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
import io.cauri.wire.hub2.Hub2MoneyOutRequestSchemas;
import io.cauri.wire.hub2.Hub2Transfer;

// The operations of io.cauri.createtransfer.Hub2CreateTransferController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "HUB2 transfers")
@Controller("/transfers")
interface Hub2CreateTransferApi {

    @Operation(operationId = "hub2CreateTransfer", summary = "Create a transfer (pay-out)",
            description = "Reserves the amount from the available balance (400 balance_insufficient when it does not cover it), then asks the provider.")
    @Callers.MerchantServer
    @RequestParameters.Idempotent
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2MoneyOutRequestSchemas.CreateTransfer.class)))
    @ApiResponse(responseCode = "201", description = "Created: pending, or already final if the provider answered at once.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Hub2Transfer.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ApiResponse(responseCode = "409", description = "The merchant's books were busy with another write (`concurrent_change`: try again), or the same Idempotency-Key is still running (`idempotency_key_in_use`).",
            content = @Content(schema = @Schema(implementation = io.cauri.web.error.ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> create(HttpRequest<String> request);
}
