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

// The operation of io.cauri.providerevents.WaveEventsController, which serves it:
// its path, routing and signature, with its description for the OpenAPI document.
@Tag(name = "Providers and sandbox")
@Controller("/providers/wave/events")
interface WaveEventsApi {

    @Operation(operationId = "waveEvent", summary = "Wave's checkout webhook",
            description = "Wave's `checkout.session.completed` and `checkout.session.payment_failed` events (Wave's "
                    + "own body: `{id, type, data: <checkout session>}`), signed with the Wave connector's webhook "
                    + "secret. The session's `client_reference` must name a live payment the Wave connector took, "
                    + "with that session, amount and currency; anything else is 404 and changes nothing. The "
                    + "session is then read again from Wave and only a final status is applied, once; an event "
                    + "for a payment that has ended changes nothing. Other event types are acknowledged (204).")
    @Parameter(name = "Wave-Signature", in = ParameterIn.HEADER, required = true,
            ref = "#/components/parameters/WaveEvents.Wave-Signature")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(type = "object", description = "Wave's event object.")))
    @ApiResponse(responseCode = "204", description = "Taken: applied, or nothing to apply.")
    @ErrorResponses.BadRequest
    @ApiResponse(responseCode = "401", description = "Missing or invalid signature, or a timestamp more than "
            + "5 minutes from Cauri's clock.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "No Wave events here (no webhook secret), or no such live "
            + "payment of the Wave connector with this session, amount and currency.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "Wave could not be asked for the session's status; nothing "
            + "changed: send the event again later.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> event(HttpRequest<String> request);
}
