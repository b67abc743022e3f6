package io.cauri.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link IntentTokens} writes and checks the token with the JDK; nimbus-jose-jwt, which wrote and checked it before,
 * is the oracle (jqwik; a class of its own so that each engine writes its own surefire report):
 * <ul>
 *   <li>a token issued is, byte for byte, the one nimbus makes for the same claims, header and key (whatever the
 *       ids hold: quotes, control characters, non-ASCII), and nimbus's {@link MACVerifier} accepts it;</li>
 *   <li>over forged and malformed tokens (any character changed, added or removed, other headers and algorithms,
 *       other keys, claims of every shape signed with the right key, any clock), {@link IntentTokens#verify} never
 *       accepts a token that nimbus's verification (the former code, {@link #nimbusVerify}) refuses, and when both
 *       accept they read the same claims. It is stricter: a header other than the ones it writes, a non-canonical
 *       base64url signature or a non-integer {@code exp} are refused even with a valid MAC.</li>
 * </ul>
 */
class IntentTokensOraclePropertyTest {

    private static final Duration LIFETIME = Duration.ofHours(48);
    private static final Instant CREATED = Instant.parse("2026-11-21T10:15:30.123Z");
    private static final SigningKey OLD = new SigningKey("o".repeat(20).concat("ld-key-for-the-oracle-0123").getBytes(StandardCharsets.UTF_8));
    private static final SigningKey NEW = new SigningKey("n".repeat(20).concat("ew-key-for-the-oracle-0123").getBytes(StandardCharsets.UTF_8));
    private static final SigningKey STRANGER = new SigningKey("s".repeat(40).getBytes(StandardCharsets.UTF_8));
    private static final SigningKeys KEYS = new SigningKeys(NEW, List.of(OLD));
    private static final PaymentIntent INTENT = PaymentIntent.open("pi_AAAAAAAAAAAAAAAAAAAAA", "m_merchant1",
            Mode.SANDBOX, CREATED, "order-1", "cust-1", 100, Currency.XOF, null);
    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** What the former IntentTokens.issue made with nimbus-jose-jwt. */
    static String nimbusIssue(String intentId, String merchantId, Mode mode, Instant created, Duration lifetime,
                              SigningKey key) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("intentId", intentId)
                .claim("merchantId", merchantId)
                .claim("mode", mode.wire())
                .issueTime(Date.from(created))
                .expirationTime(Date.from(created.plus(lifetime)))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(key.id()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(key.bytes()));
        return jwt.serialize();
    }

    /** What the former IntentTokens.verify accepted, with nimbus-jose-jwt; empty where it refused. */
    static Optional<IntentTokenClaims> nimbusVerify(String token, SigningKeys keys, Clock clock) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            String kid = jwt.getHeader().getKeyID();
            List<SigningKey> candidates = kid == null ? keys.all() : keys.byId(kid).map(List::of).orElse(List.of());
            boolean verified = false;
            for (SigningKey key : candidates) {
                verified = jwt.verify(new MACVerifier(key.bytes())) || verified;
            }
            if (!verified) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null || !exp.toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            String intentId = claims.getStringClaim("intentId");
            String merchantId = claims.getStringClaim("merchantId");
            Optional<Mode> mode = Mode.fromWire(claims.getStringClaim("mode"));
            if (intentId == null || merchantId == null || mode.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new IntentTokenClaims(intentId, merchantId, mode.get()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static Optional<IntentTokenClaims> ours(String token, SigningKeys keys, Clock clock) {
        try {
            return Optional.of(new IntentTokens(keys, LIFETIME, clock).verify(token));
        } catch (InvalidTokenException e) {
            return Optional.empty();
        }
    }

    // ---- issuing: the same bytes ----

    @Property
    void anIssuedTokenIsTheOneNimbusMakesByteForByte(@ForAll("ids") String intentId, @ForAll("ids") String merchantId,
                                                    @ForAll Mode mode,
                                                    @ForAll @LongRange(min = 0, max = 253_402_300_799_000L - 400L * 86_400_000) long createdMillis,
                                                    @ForAll @LongRange(min = 1, max = 400L * 86_400) long lifetimeSeconds,
                                                    @ForAll("keyBytes") byte[] keyBytes) throws Exception {
        SigningKey key = new SigningKey(keyBytes);
        Instant created = Instant.ofEpochMilli(createdMillis);
        Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
        PaymentIntent intent = PaymentIntent.open(intentId, merchantId, mode, created, "o", "c", 1, Currency.XOF, null);

        String ours = new IntentTokens(key, lifetime, Clock.fixed(created, ZoneOffset.UTC)).issue(intent);

        assertEquals(nimbusIssue(intentId, merchantId, mode, created, lifetime, key), ours);
        assertTrue(SignedJWT.parse(ours).verify(new MACVerifier(key.bytes())), "nimbus's MACVerifier accepts it");
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(B64URL).ofMinLength(1).ofMaxLength(30).map(s -> "pi_" + s),
                Arbitraries.strings().all().ofMaxLength(20), // every char: quotes, backslash, controls, U+2028, surrogates
                Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(20),
                Arbitraries.strings().withChars("\"\\/<>&='\b\f\n\r\t\u0000\u001f\u007f\u2028\u2029\u00e9\ud83d\ude00").ofMaxLength(12));
    }

    @Provide
    Arbitrary<byte[]> keyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(32).ofMaxSize(80);
    }

    // ---- verifying: never more than nimbus accepted ----

    @Property(tries = 3000)
    void aForgedOrMalformedTokenThatNimbusRefusesIsRefused(@ForAll("forgeries") String token,
                                                          @ForAll @LongRange(min = -5, max = 5) long clockShiftHours) {
        // clock around the tokens' expiry (CREATED + 48 h) as well as well before it
        Clock clock = Clock.fixed(CREATED.plus(LIFETIME).plus(Duration.ofHours(clockShiftHours * 12)), ZoneOffset.UTC);
        Optional<IntentTokenClaims> oracle = nimbusVerify(token, KEYS, clock);
        Optional<IntentTokenClaims> ours = ours(token, KEYS, clock);

        if (ours.isPresent()) {
            assertEquals(oracle, ours, "accepted by IntentTokens, so nimbus accepts it with the same claims: " + token);
        }
        Statistics.label("outcome").collect(ours.isPresent() ? "both accept" : oracle.isPresent() ? "only nimbus accepts" : "both refuse");
        // the generator reaches all three outcomes, so the implication above is not vacuous
        Statistics.label("outcome").coverage(c -> {
            c.check("both accept").percentage(p -> p > 1);
            c.check("both refuse").percentage(p -> p > 50);
            c.check("only nimbus accepts").percentage(p -> p > 0.1);
        });
    }

    @Property(tries = 500)
    void whatWeIssueBothAcceptAlikeAtAnyTime(@ForAll("ids") String intentId, @ForAll Mode mode,
                                             @ForAll @IntRange(min = -100, max = 100) int clockShiftHours,
                                             @ForAll boolean previousKey) throws Exception {
        SigningKey key = previousKey ? OLD : NEW;
        String token = nimbusIssue(intentId, "m_merchant1", mode, CREATED, LIFETIME, key);
        Clock clock = Clock.fixed(CREATED.plus(Duration.ofHours(clockShiftHours)), ZoneOffset.UTC);

        assertEquals(nimbusVerify(token, KEYS, clock), ours(token, KEYS, clock));
    }

    @Provide
    Arbitrary<String> forgeries() {
        Arbitrary<String> signed = Combinators.combine(headers(), claimsJson(), signingKeys())
                .as(IntentTokensOraclePropertyTest::signed);
        return Arbitraries.frequencyOf(
                Tuple.of(2, issued()),
                Tuple.of(3, mutated(issued())),
                Tuple.of(3, signed),
                Tuple.of(2, signed.flatMap(t -> mutated(Arbitraries.just(t)))),
                Tuple.of(1, Arbitraries.strings().withChars(B64URL + ".=+/ ").ofMaxLength(60)));
    }

    private static Arbitrary<String> issued() {
        return Arbitraries.of(NEW, OLD, STRANGER).map(key -> new IntentTokens(key, LIFETIME,
                Clock.fixed(CREATED, ZoneOffset.UTC)).issue(INTENT));
    }

    /** One edit: a character replaced, inserted or removed, the token cut, a part added, padded or dropped. */
    private static Arbitrary<String> mutated(Arbitrary<String> tokens) {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.chars().with(B64URL + ".=+/ \n"), Arbitraries.chars());
        return Combinators.combine(tokens, Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 10_000),
                chars).as((token, kind, where, c) -> {
                    int at = where % (token.length() + 1);
                    return switch (kind) {
                        case 0 -> token.substring(0, Math.min(at, token.length() - 1)) + c + token.substring(Math.min(at, token.length() - 1) + 1);
                        case 1 -> token.substring(0, at) + c + token.substring(at);
                        case 2 -> at < token.length() ? token.substring(0, at) + token.substring(at + 1) : token;
                        case 3 -> token.substring(0, at);
                        case 4 -> token + "." + token.substring(token.lastIndexOf('.') + 1);
                        case 5 -> token + "=";
                        case 6 -> token.substring(0, token.lastIndexOf('.') + 1);
                        default -> " " + token;
                    };
                });
    }

    private static Arbitrary<String> headers() {
        return Arbitraries.of(
                "{\"kid\":\"" + NEW.id() + "\",\"typ\":\"JWT\",\"alg\":\"HS256\"}",
                "{\"kid\":\"" + OLD.id() + "\",\"typ\":\"JWT\",\"alg\":\"HS256\"}",
                "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + NEW.id() + "\"}",
                "{\"kid\":\"" + NEW.id() + "\",\"alg\":\"HS256\"}",
                "{\"kid\":\"" + STRANGER.id() + "\",\"typ\":\"JWT\",\"alg\":\"HS256\"}",
                "{\"kid\":\"k-unknown\",\"typ\":\"JWT\",\"alg\":\"HS256\"}",
                "{\"typ\":\"JWT\",\"alg\":\"HS256\"}",
                "{\"alg\":\"HS256\"}",
                "{\"alg\":\"HS384\"}", "{\"alg\":\"HS512\",\"typ\":\"JWT\"}", "{\"alg\":\"none\"}",
                "{\"alg\":\"RS256\",\"kid\":\"" + NEW.id() + "\"}", "{\"alg\":\"ES256\"}", "{\"alg\":\"PS256\"}",
                "{\"alg\":\"hs256\"}", "{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":false}",
                "{\"alg\":\"HS256\",\"kid\":null}", "{\"alg\":\"HS256\",\"alg\":\"none\"}", "{}", "[]", "null", "");
    }

    private static Arbitrary<String> claimsJson() {
        long exp = CREATED.plus(LIFETIME).getEpochSecond();
        long iat = CREATED.getEpochSecond();
        String ids = "\"intentId\":\"pi_AAAAAAAAAAAAAAAAAAAAA\",\"merchantId\":\"m_merchant1\"";
        return Arbitraries.of(
                "{\"mode\":\"sandbox\"," + ids.replace(",", ",\"exp\":" + exp + ",") + ",\"iat\":" + iat + "}",
                "{" + ids + ",\"mode\":\"live\",\"exp\":" + exp + "}",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":" + exp + ".0}",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":" + exp + "e0}",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":\"" + exp + "\"}",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":null}",
                "{" + ids + ",\"mode\":\"sandbox\"}",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":99999999999999999999}",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":-1}",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":" + exp + ",\"exp\":1}",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":" + exp + ",\"intentId\":\"pi_B\"}",
                "{" + ids + ",\"mode\":\"LIVE\",\"exp\":" + exp + "}",
                "{" + ids + ",\"mode\":null,\"exp\":" + exp + "}",
                "{" + ids + ",\"mode\":[\"sandbox\"],\"exp\":" + exp + "}",
                "{\"intentId\":42,\"merchantId\":\"m_merchant1\",\"mode\":\"sandbox\",\"exp\":" + exp + "}",
                "{\"intentId\":{\"a\":1},\"merchantId\":\"m_merchant1\",\"mode\":\"sandbox\",\"exp\":" + exp + "}",
                "{\"merchantId\":\"m_merchant1\",\"mode\":\"sandbox\",\"exp\":" + exp + "}",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":" + exp + ",\"extra\":{\"nested\":[1,2,{}]}}",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":" + exp + "} ",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":" + exp + "}{}",
                "{" + ids + ",\"mode\":\"sandbox\",\"exp\":" + exp + ",}",
                "[" + exp + "]", "\"sandbox\"", "null", "", "{");
    }

    private static Arbitrary<SigningKey> signingKeys() {
        return Arbitraries.of(NEW, OLD, STRANGER);
    }

    /** A token with this header and these claims, MAC'd with the key over exactly these bytes. */
    private static String signed(String header, String claims, SigningKey key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.bytes(), "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
