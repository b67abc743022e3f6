package io.cauri.openapi;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// The operations of io.cauri.providerevents.PageSandboxPaymentController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Controller("/sandbox/payments/{paymentId}")
interface PageSandboxPaymentApi {

    @Operation(operationId = "sandboxPaymentPage", summary = "Sandbox provider page of a redirection payment",
            description = "Where next_action's URL sends the payer in sandbox: amount, merchant, countdown, approve/decline.")
    @ApiResponse(responseCode = "200", description = "The page.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "No such sandbox payment.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
    @Get
    @Produces(MediaType.TEXT_HTML)
    MutableHttpResponse<String> page(@PathVariable String paymentId);

    @Operation(operationId = "sandboxApprove", summary = "The payer approves the sandbox payment",
            description = "A form post; the browser is sent to the merchant's success URL, or back to the page.")
    @ApiResponse(responseCode = "303", description = "Redirect to the merchant's URL or the page.")
    @CrossOriginRefused
    @Post(value = "/approve", consumes = MediaType.ALL)
    HttpResponse<String> approve(@PathVariable String paymentId, HttpRequest<?> request);

    @Operation(operationId = "sandboxDecline", summary = "The payer declines the sandbox payment",
            description = "A form post; the browser is sent to the merchant's failure URL, or back to the page.")
    @ApiResponse(responseCode = "303", description = "Redirect to the merchant's URL or the page.")
    @CrossOriginRefused
    @Post(value = "/decline", consumes = MediaType.ALL)
    HttpResponse<String> decline(@PathVariable String paymentId, HttpRequest<?> request);

    /** The payer's form posts are refused from another site's page: both decisions answer the same. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "403", description = "Posted from another site's page (cross-origin): refused, nothing changes.")
    @interface CrossOriginRefused {
    }
}
