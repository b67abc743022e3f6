package io.cauri.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * The per-intent client token (HUB2 {@code token}): an HS256 JWT with claims {@code intentId},
 * {@code merchantId}, {@code mode}, {@code iat} and {@code exp}, and a header naming the signing key by {@code kid}.
 *
 * <p>The token is derived, not stored: {@code iat} is the intent's creation time, so signing the same
 * intent again yields the same token, and no bearer credential sits in the table or its stream.
 *
 * <p>This class is the one home of the token's format, written and checked with the JDK alone ({@code Mac}
 * HmacSHA256, {@code Base64}) and jackson-core, which every function already loads: a JOSE library costs a
 * function's cold start some 200 classes (bench/README.md, "Where the difference goes") for one format that never
 * varies. The bytes are those nimbus-jose-jwt produced for these claims (the tests keep it as the oracle: the same
 * token byte for byte, and a verifier that accepts nothing nimbus would refuse).
 */
@Singleton
@io.micronaut.context.annotation.Requires(condition = SigningKeyConfigured.class)
public class IntentTokens {

    /** Far above any token this class writes (ids are bounded), so that a long string costs no MAC work. */
    static final int MAX_TOKEN_LENGTH = 4096;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** Headers of tokens issued before key ids (HS256, with or without {@code typ}): tried against every key in force. */
    private static final List<String> HEADERS_WITHOUT_KID = List.of(
            base64Url("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"), base64Url("{\"alg\":\"HS256\"}"));
    /** Claims only: a duplicated member is malformed, not "the last one wins". */
    private static final JsonFactory CLAIMS = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Supplier<SigningKeys> keys;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * The keys in force at each use ({@link RefreshedSigningKeys}: cached, read again after their TTL and after a
     * SnapStart restore), so a rotation reaches this container without a redeploy.
     */
    @Inject
    public IntentTokens(RefreshedSigningKeys keys, @Value("${cauri.token.lifetime:48h}") Duration lifetime, Clock clock) {
        this((Supplier<SigningKeys>) keys, lifetime, clock);
    }

    /** Fixed keys (tests). */
    public IntentTokens(SigningKeys keys, Duration lifetime, Clock clock) {
        this(() -> keys, lifetime, clock);
    }

    private IntentTokens(Supplier<SigningKeys> keys, Duration lifetime, Clock clock) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** One key, no rotation in progress. */
    public IntentTokens(SigningKey key, Duration lifetime, Clock clock) {
        this(SigningKeys.of(key), lifetime, clock);
    }

    /**
     * Loads and initialises what {@link #issue} and {@link #verify} run (the JCA's HMAC, the claims parser) by
     * signing and checking a throwaway token with the key: called on the thread that read the key, while the rest
     * of a cold start goes on. Nothing random is drawn and nothing is kept; a failure only costs the warm-up.
     */
    static void warmUp(SigningKey key) {
        try {
            String token = sign(key, header(key), claims("pi_warmUp", "m_warmUp", "sandbox", 0, 1));
            signatureMatches(token, token.lastIndexOf('.'), List.of(key));
            parseClaims(token.substring(token.indexOf('.') + 1, token.lastIndexOf('.')));
        } catch (IOException | RuntimeException e) {
            // best effort: issue and verify load whatever this did not
        }
    }

    public String issue(PaymentIntent intent) {
        // JWT times are whole seconds (NumericDate), truncated as java.util.Date's milliseconds / 1000 are
        long iat = intent.createdAt().toEpochMilli() / 1000;
        long exp = intent.createdAt().plus(lifetime).toEpochMilli() / 1000;
        SigningKey current = keys.get().current();
        return sign(current, header(current), claims(intent.id(), intent.merchantId(), intent.mode().wire(), iat, exp));
    }

    /**
     * Verifies the signature and expiry, strictly: exactly three parts; the header must be, byte for byte, the one
     * this class writes for a key in force (so {@code alg} is HS256 and nothing else: {@code none}, RS/ES algorithms
     * (the RS/HS confusion) and other HMAC sizes never reach a key), the {@code kid} in it naming that key; a token
     * without one (issued before key ids) is tried against each. The signature is compared in constant time, as
     * its canonical base64url text. Only then are the claims read: {@code exp} in the future, the three ids
     * strings, a known mode, no member twice.
     */
    public IntentTokenClaims verify(String token) {
        SigningKeys keys = this.keys.get(); // outside the try: keys that cannot be read are not an invalid token
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("Invalid token."); // before any MAC work: ours are a few hundred bytes
        }
        int firstDot = token.indexOf('.');
        int lastDot = token.lastIndexOf('.');
        if (firstDot <= 0 || lastDot == firstDot || token.indexOf('.', firstDot + 1) != lastDot) {
            throw new InvalidTokenException("Invalid token.");
        }
        String header = token.substring(0, firstDot);
        List<SigningKey> candidates = new ArrayList<>(1);
        for (SigningKey key : keys.all()) {
            if (header.equals(header(key))) {
                candidates.add(key);
            }
        }
        if (candidates.isEmpty()) {
            if (!HEADERS_WITHOUT_KID.contains(header)) {
                throw new InvalidTokenException("Invalid token.");
            }
            candidates = keys.all();
        }
        if (!signatureMatches(token, lastDot, candidates)) {
            throw new InvalidTokenException("Invalid token signature.");
        }
        Claims claims;
        try {
            claims = parseClaims(token.substring(firstDot + 1, lastDot));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidTokenException("Invalid token.");
        }
        if (claims.exp == null || !claims.exp.isAfter(clock.instant())) {
            throw new InvalidTokenException("The token has expired.");
        }
        Mode mode = Mode.fromWire(claims.mode == null ? "" : claims.mode)
                .orElseThrow(() -> new InvalidTokenException("Invalid token."));
        if (claims.intentId == null || claims.merchantId == null) {
            throw new InvalidTokenException("Invalid token.");
        }
        return new IntentTokenClaims(claims.intentId, claims.merchantId, mode);
    }

    /** The header the key signs: the members in the order nimbus-jose-jwt wrote them. */
    private static String header(SigningKey key) {
        return base64Url("{\"kid\":" + jsonString(key.id()) + ",\"typ\":\"JWT\",\"alg\":\"HS256\"}");
    }

    /** The claims, in the order nimbus-jose-jwt wrote them (its claims map's order for these five names). */
    private static String claims(String intentId, String merchantId, String mode, long iat, long exp) {
        return "{\"mode\":" + jsonString(mode) + ",\"intentId\":" + jsonString(intentId) + ",\"exp\":" + exp
                + ",\"merchantId\":" + jsonString(merchantId) + ",\"iat\":" + iat + "}";
    }

    private static String sign(SigningKey key, String header, String claimsJson) {
        String signingInput = header + "." + base64Url(claimsJson);
        return signingInput + "." + B64.encodeToString(mac(key, signingInput));
    }

    private static byte[] mac(SigningKey key, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    /**
     * Whether the signature part is the base64url MAC of the rest under one of the keys: compared as text with
     * {@link MessageDigest#isEqual} (constant time; a non-canonical encoding of the right MAC is refused), every key
     * tried so that the time does not tell which one matched.
     */
    private static boolean signatureMatches(String token, int lastDot, List<SigningKey> keys) {
        String signingInput = token.substring(0, lastDot);
        for (int i = 0; i < signingInput.length(); i++) {
            char c = signingInput.charAt(i);
            if (c != '.' && !isBase64Url(c)) {
                return false; // not ASCII base64url: no MAC of ours covers it
            }
        }
        byte[] given = token.substring(lastDot + 1).getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (SigningKey key : keys) {
            byte[] expected = B64.encode(mac(key, signingInput));
            matched = MessageDigest.isEqual(expected, given) | matched;
        }
        return matched;
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private record Claims(String intentId, String merchantId, String mode, Instant exp) {
    }

    /** The claims of a signed payload: a JSON object; the ids strings, {@code exp} an integer; other members skipped. */
    private static Claims parseClaims(String payload) throws IOException {
        byte[] json = Base64.getUrlDecoder().decode(payload);
        String intentId = null;
        String merchantId = null;
        String mode = null;
        Instant exp = null;
        try (JsonParser parser = CLAIMS.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("claims are not an object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "intentId" -> intentId = string(parser, value);
                    case "merchantId" -> merchantId = string(parser, value);
                    case "mode" -> mode = string(parser, value);
                    case "exp" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw new IllegalArgumentException("exp is not an integer");
                        }
                        try {
                            exp = Instant.ofEpochSecond(parser.getLongValue());
                        } catch (DateTimeException e) {
                            throw new IllegalArgumentException("exp out of range", e);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IllegalArgumentException("claims are not one object");
            }
        }
        return new Claims(intentId, merchantId, mode, exp);
    }

    private static String string(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("claim is not a string");
        }
        return parser.getText();
    }

    private static String base64Url(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A JSON string as nimbus-jose-jwt's JSON writer (Gson, HTML escaping off) writes it: {@code "} and {@code \}
     * escaped, the control characters as {@code \b \t \n \f \r} or {@code \}{@code u00xx} (lower-case hex), and
     * U+2028 / U+2029 escaped; everything else as is.
     */
    static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
