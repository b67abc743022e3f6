package io.cauri.providerevents;

import io.cauri.intent.FailureCode;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentLocator;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.merchant.Mode;
import io.cauri.provider.ProviderEvent;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.cauri.web.json.JsonBody;
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
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /providers/{provider}/callbacks}: a provider tells the outcome of a payment it was asked to
 * collect. The body is Cauri's normalised callback ({@code paymentId}, {@code outcome} succeeded|failed,
 * {@code failureCode}, {@code message}); an operator's own format is translated by its adapter before it
 * reaches here.
 * <p>
 * Every callback carries {@code Cauri-Provider-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256("<t>.<body>")>}
 * keyed by one of the provider's secrets: {@code cauri.providers.<provider>.callback-secret} for live payments,
 * {@code cauri.providers.<provider>.sandbox-callback-secret} for sandbox ones. A provider with neither has no
 * callback route (404). The timestamp is signed so a captured callback cannot be replayed later: one more
 * than {@link #TOLERANCE} away from our clock is refused.
 * <p>
 * A secret only speaks for its own provider and mode: a callback naming a payment of another provider, or of
 * the other mode, is answered as if the payment did not exist (404, nothing changes) — otherwise any one
 * provider's secret could settle every payment. A payment taken by a live connector ({@code gatewayId}) is not
 * reachable here either: its connector's own event routes read its status instead. Applying a callback twice
 * changes nothing.
 */
@Controller("/providers/{provider}/callbacks")
public class ProviderCallbackController {
    static final String SIGNATURE = "Cauri-Provider-Signature";
    /** How far a callback's signed timestamp may be from our clock, either way. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Environment environment;
    private final PaymentLocator locator;
    private final IntentRepository intents;
    private final PaymentOutcomes outcomes;
    private final JsonMapper json;
    private final Clock clock;

    public ProviderCallbackController(Environment environment, PaymentLocator locator, IntentRepository intents,
                                      PaymentOutcomes outcomes, JsonMapper json, Clock clock) {
        this.environment = environment;
        this.locator = locator;
        this.intents = intents;
        this.outcomes = outcomes;
        this.json = json;
        this.clock = clock;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> callback(HttpRequest<String> request, @PathVariable String provider) {
        Map<Mode, String> secrets = secretsOf(provider);
        if (secrets.isEmpty()) {
            throw ApiException.of(Refusal.NOT_FOUND, "No callbacks for this provider.", "provider");
        }
        String body = request.getBody(String.class).orElse("");
        Set<Mode> signedFor = verify(secrets, body, request.getHeaders().get(SIGNATURE));
        JsonBody callback = JsonBody.parse(json, body);
        String paymentId = callback.requiredString("paymentId");
        String outcome = callback.requiredString("outcome");
        // The payment must be this provider's, in a mode whose secret signed: anything else reads as absent.
        PaymentIntent intent = locator.intentOf(paymentId).flatMap(intents::find)
                .filter(i -> signedFor.contains(i.mode()))
                .filter(i -> i.payment(paymentId).map(Payment::provider).filter(provider::equals).isPresent())
                // a live connector's payment is settled through its own connector's routes (status re-read), never
                // by this normalised callback: one shared secret must not mark a connector's payment paid
                .filter(i -> i.payment(paymentId).map(Payment::gatewayId).isEmpty())
                .orElseThrow(() -> ApiException.of(Refusal.NOT_FOUND, "No payment " + paymentId + ".", "paymentId"));
        ProviderEvent event = switch (outcome) {
            case "succeeded" -> ProviderEvent.succeeded(intent.id(), paymentId);
            case "failed" -> ProviderEvent.failed(intent.id(), paymentId, failureCode(callback),
                    callback.optionalString("message").orElse(null));
            default -> throw ApiException.invalid("outcome", "outcome must be succeeded or failed.");
        };
        outcomes.apply(event);
        return HttpResponse.noContent();
    }

    /** The provider's callback secrets by the mode of the payments they speak for (none: no callback route). */
    private Map<Mode, String> secretsOf(String provider) {
        Map<Mode, String> secrets = new EnumMap<>(Mode.class);
        if (provider.matches("[a-z_]{1,32}")) {
            secret("cauri.providers." + provider + ".callback-secret").ifPresent(s -> secrets.put(Mode.LIVE, s));
            secret("cauri.providers." + provider + ".sandbox-callback-secret").ifPresent(s -> secrets.put(Mode.SANDBOX, s));
        }
        return secrets;
    }

    private Optional<String> secret(String property) {
        return environment.getProperty(property, String.class).filter(s -> !s.isBlank());
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

    /**
     * The modes whose secret signed {@code "<t>.<body>"} (never empty), or 401. Comparisons are constant-time;
     * the timestamp is checked after the signature so an unsigned request learns nothing about our clock.
     */
    private Set<Mode> verify(Map<Mode, String> secrets, String body, String header) {
        Long timestamp = null;
        java.util.List<byte[]> presented = new java.util.ArrayList<>();
        for (String part : header == null ? new String[0] : header.split(",", 8)) {
            String p = part.trim();
            try {
                if (p.startsWith("t=") && timestamp == null) {
                    timestamp = Long.parseLong(p.substring(2));
                } else if (p.startsWith("v1=")) {
                    presented.add(HexFormat.of().parseHex(p.substring(3)));
                }
            } catch (IllegalArgumentException malformed) {
                throw invalidSignature();
            }
        }
        if (timestamp == null || presented.isEmpty()) {
            throw invalidSignature();
        }
        Set<Mode> modes = EnumSet.noneOf(Mode.class);
        byte[] signed = (timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        secrets.forEach((mode, secret) -> {
            byte[] expected = hmac(secret, signed);
            for (byte[] candidate : presented) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    modes.add(mode);
                }
            }
        });
        if (modes.isEmpty()) {
            throw invalidSignature();
        }
        long age = clock.millis() / 1000 - timestamp;
        if (Math.abs(age) > TOLERANCE.toSeconds()) {
            throw ApiException.unauthorized("The " + SIGNATURE + " timestamp is more than "
                    + TOLERANCE.toMinutes() + " minutes from now: sign each callback when it is sent.");
        }
        return modes;
    }

    private static ApiException invalidSignature() {
        return ApiException.unauthorized("Missing or invalid " + SIGNATURE
                + " (expected t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">).");
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }
}
