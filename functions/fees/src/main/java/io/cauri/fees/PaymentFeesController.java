package io.cauri.fees;

import io.cauri.intent.PaymentService;
import io.cauri.provider.PaymentMethod;
import io.cauri.web.ApiException;
import io.cauri.web.ApiError;
import io.cauri.web.CallerResolver;
import io.cauri.web.Fields;
import io.cauri.web.hub2.Hub2PaymentIntent.Hub2Fee;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

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
 * {@code GET /payment-intents/{id}/payment-fees?country=&provider=&paymentMethod=}: the fees an attempt
 * on that route would carry, computed by the same code that puts them on the Payment.
 */
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents/{id}/payment-fees")
public class PaymentFeesController {

    private final CallerResolver callers;
    private final PaymentService payments;

    public PaymentFeesController(CallerResolver callers, PaymentService payments) {
        this.callers = callers;
        this.payments = payments;
    }

    @Operation(operationId = "hub2PaymentFees", summary = "Fees of an attempt on a route",
            description = "What an attempt with this method, country and provider would carry, in minor units.")
    @SecurityRequirement(name = "ApiKey")
    @SecurityRequirement(name = "IntentToken")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = false,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = false,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @Parameter(name = "paymentMethod", in = ParameterIn.QUERY, required = true,
            schema = @Schema(allowableValues = {"mobile_money", "credit_card", "bank_transfer"}))
    @Parameter(name = "country", in = ParameterIn.QUERY, required = true, schema = @Schema(pattern = "^[A-Z]{2}$"))
    @Parameter(name = "provider", in = ParameterIn.QUERY, required = true, schema = @Schema(pattern = "^[a-z_]{1,32}$"))
    @ApiResponse(responseCode = "200", description = "The fees.", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Hub2Fee.class))))
    @ApiResponse(responseCode = "400", description = "Invalid input: `code` says what, `param` names the field.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404",
            description = "No such intent for this merchant (another merchant's intent is 404 too).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get
    public List<Hub2Fee> fees(HttpRequest<?> request, @PathVariable String id,
                             @Parameter(description = "The intent's token, for the client app.")
                             @Nullable @QueryValue String token) {
        var caller = callers.serverOrToken(request, id, token);
        var query = request.getParameters();
        String methodName = required(query.get("paymentMethod"), "paymentMethod");
        PaymentMethod method = PaymentMethod.fromWire(methodName).orElseThrow(() -> ApiException.invalid("paymentMethod",
                "paymentMethod must be mobile_money, credit_card or bank_transfer."));
        String country = Fields.country("country", required(query.get("country"), "country"));
        String provider = Fields.provider("provider", required(query.get("provider"), "provider"));
        return payments.fees(caller, id, method, country, provider).stream().map(Hub2Fee::of).toList();
    }

    private static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw ApiException.missing(name);
        }
        return value;
    }
}
