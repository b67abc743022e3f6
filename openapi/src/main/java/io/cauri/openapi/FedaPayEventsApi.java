package io.cauri.openapi;

import io.cauri.web.error.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operation of io.cauri.providerevents.FedaPayEventsController, which serves it:
// its path, routing and signature, with its description for the OpenAPI document.
@Tag(name = "Providers and sandbox")
@Controller("/providers/fedapay/events")
interface FedaPayEventsApi {

    @Operation(operationId = "fedapayEvent", summary = "FedaPay's transaction webhook",
            description = "FedaPay's transaction events (FedaPay's own body: `{id, name, entity: <transaction>}`), "
                    + "signed with the FedaPay connector's webhook secret. The transaction's `custom_metadata` must "
                    + "name a live payment the FedaPay connector took, whose provider reference is that transaction, "
                    + "for its amount; anything else is 404 and changes nothing. An event with a final status "
                    + "(approved, declined, canceled…) makes Cauri read the transaction again from FedaPay and apply "
                    + "only a final status, once; other events are acknowledged (204).")
    @Parameter(name = "X-FEDAPAY-SIGNATURE", in = ParameterIn.HEADER, required = true,
            ref = "#/components/parameters/FedaPayEvents.X-FEDAPAY-SIGNATURE")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(type = "object", description = "FedaPay's event object.")))
    @ApiResponse(responseCode = "204", description = "Taken: applied, or nothing to apply.")
    @ErrorResponses.BadRequest
    @ApiResponse(responseCode = "401", description = "Missing or invalid signature, or a timestamp more than "
            + "5 minutes from Cauri's clock.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "No FedaPay events here (no webhook secret), or no such live "
            + "payment of the FedaPay connector with this transaction and amount.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "FedaPay could not be asked for the transaction's status; "
            + "nothing changed: send the event again later.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> event(HttpRequest<String> request);
}
