package io.cauri.openapi;

import io.cauri.web.error.ApiError;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.providerevents.MtnMomoEventsController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "Providers and sandbox")
@Controller("/providers/mtn-momo/events/{paymentId}")
interface MtnMomoEventsApi {

    String DESCRIPTION = "MTN MoMo's callback for a request to pay (the `X-Callback-Url` Cauri gives MTN names the "
            + "payment). MTN signs nothing, so the call is only a hint and its body is never read: for a live payment "
            + "the MTN MoMo connector took that has not ended, Cauri reads the request's status from MTN and applies "
            + "only a final answer. At most one read per payment per 10 seconds, whoever calls; a payment that has "
            + "ended is never read again.";

    @Operation(operationId = "mtnMomoEventPut", summary = "MTN MoMo's callback (PUT)", description = DESCRIPTION)
    @ApiResponse(responseCode = "204", description = "Taken as a hint.")
    @ApiResponse(responseCode = "404", description = "No such live payment of the MTN MoMo connector.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Put(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> put(@PathVariable String paymentId);

    @Operation(operationId = "mtnMomoEventPost", summary = "MTN MoMo's callback (POST)", description = DESCRIPTION)
    @ApiResponse(responseCode = "204", description = "Taken as a hint.")
    @ApiResponse(responseCode = "404", description = "No such live payment of the MTN MoMo connector.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> post(@PathVariable String paymentId);
}
