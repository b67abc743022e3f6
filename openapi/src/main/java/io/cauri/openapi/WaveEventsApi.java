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
            description = "t=<Unix seconds>,v1=<hex HMAC-SHA256 of t followed by the raw body, with the webhook "
                    + "secret>; several v1 entries may be given (any one valid is enough). The timestamp must be "
                    + "within 5 minutes of Cauri's clock.",
            example = "t=1795342530,v1=0b9e3a1f4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f",
            schema = @Schema(type = "string"))
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
