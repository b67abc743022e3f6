package io.cauri.openapi;

import io.cauri.web.error.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.providerevents.ProviderCallbackController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "Providers and sandbox")
@Controller("/providers/{provider}/callbacks")
interface ProviderCallbackApi {

    @Operation(operationId = "providerCallback", summary = "A provider's payment outcome",
            description = "Cauri's normalised callback, signed with the provider's secret for the payment's mode "
                    + "(`cauri.providers.<provider>.callback-secret` for live payments, "
                    + "`cauri.providers.<provider>.sandbox-callback-secret` for sandbox ones). The signature covers "
                    + "a Unix timestamp and the body: `v1` is the hex HMAC-SHA256 of `<t>.<body>` (the raw body "
                    + "bytes). A timestamp more than 5 minutes from Cauri's clock is refused (401). A callback "
                    + "naming a payment of another provider or of the other mode is 404 and changes nothing.")
    @Parameter(name = "Cauri-Provider-Signature", in = ParameterIn.HEADER, required = true,
            ref = "#/components/parameters/ProviderCallback.Cauri-Provider-Signature")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ProviderCallbackSchema.class)))
    @ApiResponse(responseCode = "204", description = "Applied (applying it again changes nothing).")
    @ErrorResponses.BadRequest
    @ApiResponse(responseCode = "401", description = "Missing or invalid signature, or a timestamp more than "
            + "5 minutes from Cauri's clock.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "No callbacks for this provider, or no such payment of this "
            + "provider in the mode its secret is for.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> callback(HttpRequest<String> request, @PathVariable String provider);
}
