package io.cauri.providerevents;

import io.cauri.intent.FailureCode;
import io.cauri.intent.PaymentLocator;
import io.cauri.intent.PaymentOutcomes;
import io.cauri.provider.ProviderEvent;
import io.cauri.web.ApiError;
import io.cauri.web.ApiException;
import io.cauri.web.ErrorCode;
import io.cauri.web.JsonBody;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /providers/{provider}/callbacks}: a provider tells the outcome of a payment it was asked to
 * collect. The body is Cauri's normalised callback ({@code paymentId}, {@code outcome} succeeded|failed,
 * {@code failureCode}, {@code message}); an operator's own format is translated by its adapter before it
 * reaches here. Every callback must carry {@code Cauri-Provider-Signature: sha256=<hex HMAC-SHA256(body)>}
 * with that provider's secret ({@code cauri.providers.<provider>.callback-secret}); a provider without a
 * secret has no callback route (404). Applying a callback twice changes nothing.
 */
@Tag(name = "Providers and sandbox")
@Controller("/providers/{provider}/callbacks")
public class ProviderCallbackController {
    static final String SIGNATURE = "Cauri-Provider-Signature";

    private final Environment environment;
    private final PaymentLocator locator;
    private final PaymentOutcomes outcomes;
    private final JsonMapper json;

    public ProviderCallbackController(Environment environment, PaymentLocator locator, PaymentOutcomes outcomes,
                                      JsonMapper json) {
        this.environment = environment;
        this.locator = locator;
        this.outcomes = outcomes;
        this.json = json;
    }

    @Operation(operationId = "providerCallback", summary = "A provider's payment outcome",
            description = "Cauri's normalised callback, signed with the provider's secret.")
    @Parameter(name = "Cauri-Provider-Signature", in = ParameterIn.HEADER, required = true,
            description = "sha256=<hex HMAC-SHA256 of the body with the provider's callback secret>",
            schema = @Schema(type = "string"))
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ProviderCallbackSchema.class)))
    @ApiResponse(responseCode = "204", description = "Applied (applying it again changes nothing).")
    @ApiResponse(responseCode = "400", description = "Invalid input: `code` says what, `param` names the field.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid signature.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "No callbacks for this provider, or no such payment.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> callback(HttpRequest<String> request, @PathVariable String provider) {
        String secret = provider.matches("[a-z_]{1,32}")
                ? environment.getProperty("cauri.providers." + provider + ".callback-secret", String.class).orElse(null)
                : null;
        if (secret == null || secret.isBlank()) {
            throw new ApiException(404, ErrorCode.NOT_FOUND, "No callbacks for this provider.", "provider");
        }
        String body = request.getBody(String.class).orElse("");
        if (!signedBy(secret, body, request.getHeaders().get(SIGNATURE))) {
            throw ApiException.unauthorized("Missing or invalid " + SIGNATURE + ".");
        }
        JsonBody callback = JsonBody.parse(json, body);
        String paymentId = callback.requiredString("paymentId");
        String outcome = callback.requiredString("outcome");
        String intentId = locator.intentOf(paymentId).orElseThrow(() ->
                new ApiException(404, ErrorCode.NOT_FOUND, "No payment " + paymentId + ".", "paymentId"));
        ProviderEvent event = switch (outcome) {
            case "succeeded" -> ProviderEvent.succeeded(intentId, paymentId);
            case "failed" -> ProviderEvent.failed(intentId, paymentId, failureCode(callback),
                    callback.optionalString("message").orElse(null));
            default -> throw ApiException.invalid("outcome", "outcome must be succeeded or failed.");
        };
        outcomes.apply(event);
        return HttpResponse.noContent();
    }

    private static FailureCode failureCode(JsonBody callback) {
        String code = callback.optionalString("failureCode").orElse("unknown_reason");
        for (FailureCode c : FailureCode.values()) {
            if (c.wire().equals(code)) {
                return c;
            }
        }
        throw ApiException.invalid("failureCode", "failureCode must be one of HUB2's failure codes.");
    }

    /** Constant-time comparison of the expected and presented signatures. */
    private static boolean signedBy(String secret, String body, String header) {
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            byte[] presented = HexFormat.of().parseHex(header.substring("sha256=".length()).trim());
            return MessageDigest.isEqual(expected, presented);
        } catch (IllegalArgumentException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }
}
