package io.cauri.openapi;

import io.cauri.wire.hub2.Hub2PaymentIntent.Hub2Fee;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

// The operations of io.cauri.fees.Hub2PaymentFeesController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents/{id}/payment-fees")
interface Hub2PaymentFeesApi {

    @Operation(operationId = "hub2PaymentFees", summary = "Fees of an attempt on a route",
            description = "What an attempt with this method, country and provider would carry, in minor units.")
    @Callers.MerchantServerOrIntentToken
    @Parameter(name = "paymentMethod", in = ParameterIn.QUERY, required = true,
            ref = "#/components/parameters/Hub2PaymentFees.paymentMethod")
    @Parameter(name = "country", in = ParameterIn.QUERY, required = true,
            ref = "#/components/parameters/Hub2PaymentFees.country")
    @Parameter(name = "provider", in = ParameterIn.QUERY, required = true,
            ref = "#/components/parameters/Hub2PaymentFees.provider")
    @ApiResponse(responseCode = "200", description = "The fees.", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Hub2Fee.class))))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ErrorResponses.IntentNotFound
    @Get
    List<Hub2Fee> fees(HttpRequest<?> request, @PathVariable String id,
                      @Parameter(description = "The intent's token, for the client app.")
                      @Nullable @QueryValue String token);
}
