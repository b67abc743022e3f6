package io.cauri.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IntentTokensTest {

    private static final Instant CREATED = Instant.parse("2026-11-21T10:15:30.123Z");
    private static final Duration LIFETIME = Duration.ofHours(48);
    /** 64 bytes, so that an HS512 token signed with the very same secret is otherwise valid. */
    private static final byte[] SECRET = random(64);
    private static final SigningKey KEY = new SigningKey(SECRET);

    private static final PaymentIntent INTENT = PaymentIntent.open("pi_AAAAAAAAAAAAAAAAAAAAA", "m_merchant1",
            Mode.SANDBOX, CREATED, "order-1", "cust-1", 100, Currency.XOF, null);

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static IntentTokens tokensAt(Instant now) {
        return new IntentTokens(KEY, LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static final IntentTokens TOKENS = tokensAt(CREATED.plusSeconds(60));

    private static String hs256(JWTClaimsSet claims, byte[] secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder()
                .claim("intentId", INTENT.id())
                .claim("merchantId", INTENT.merchantId())
                .claim("mode", "sandbox")
                .issueTime(Date.from(CREATED))
                .expirationTime(Date.from(CREATED.plus(LIFETIME)));
    }

    // ---- what a token says ----

    @ParameterizedTest
    @EnumSource(Mode.class)
    void issueThenVerifyGivesBackTheIntentMerchantAndMode(Mode mode) {
        PaymentIntent intent = PaymentIntent.open("pi_BBBBBBBBBBBBBBBBBBBBB", "m_other", mode, CREATED, "o", "c", 5,
                Currency.GNF, null);

        IntentTokenClaims claims = TOKENS.verify(TOKENS.issue(intent));

        assertEquals(new IntentTokenClaims(intent.id(), "m_other", mode), claims);
    }

    @Test
    void theTokenIsAnHs256JwtWithTheContractClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TOKENS.issue(INTENT));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertEquals(INTENT.id(), claims.getStringClaim("intentId"));
        assertEquals(INTENT.merchantId(), claims.getStringClaim("merchantId"));
        assertEquals("sandbox", claims.getStringClaim("mode"));
        // JWT times are whole seconds (NumericDate): iat is the intent's creation second
        assertEquals(CREATED.getEpochSecond(), claims.getIssueTime().toInstant().getEpochSecond());
        assertEquals(CREATED.plus(LIFETIME).getEpochSecond(), claims.getExpirationTime().toInstant().getEpochSecond());
        assertEquals(Map.of("intentId", INTENT.id(), "merchantId", INTENT.merchantId(), "mode", "sandbox",
                "iat", CREATED.getEpochSecond(), "exp", CREATED.plus(LIFETIME).getEpochSecond()),
                claims.toJSONObject(), "no other claim");
    }

    @Test
    void theSameIntentAlwaysGivesTheSameToken() {
        IntentTokens later = tokensAt(CREATED.plus(Duration.ofHours(30)));

        assertEquals(TOKENS.issue(INTENT), TOKENS.issue(INTENT));
        assertEquals(TOKENS.issue(INTENT), later.issue(INTENT), "derived from the intent, not from the clock");
    }

    @Test
    void differentIntentsGetDifferentTokens() {
        PaymentIntent other = PaymentIntent.open("pi_CCCCCCCCCCCCCCCCCCCCC", INTENT.merchantId(), INTENT.mode(),
                CREATED, "order-1", "cust-1", 100, Currency.XOF, null);

        assertNotEquals(TOKENS.issue(INTENT), TOKENS.issue(other));
    }

    // ---- expiry ----

    @Test
    void aTokenIsValidUntilJustBeforeItsExpiry() {
        Instant exp = Instant.ofEpochSecond(CREATED.plus(LIFETIME).getEpochSecond());
        String token = TOKENS.issue(INTENT);

        assertEquals(INTENT.id(), tokensAt(exp.minusMillis(1)).verify(token).intentId());
        assertThrows(InvalidTokenException.class, () -> tokensAt(exp).verify(token));
        assertThrows(InvalidTokenException.class, () -> tokensAt(exp.plusSeconds(1)).verify(token));
        assertThrows(InvalidTokenException.class, () -> tokensAt(CREATED.plus(Duration.ofDays(365))).verify(token));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        String token = hs256(validClaims().expirationTime(null).build(), SECRET);

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(token));
    }

    // ---- forgeries ----

    @Test
    void aControlTokenSignedByHandWithTheRightKeyIsAccepted() throws Exception {
        // proves the forgery tests below fail for the reason they name, not for a detail of how they are built
        assertEquals(INTENT.id(), TOKENS.verify(hs256(validClaims().build(), SECRET)).intentId());
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = TOKENS.issue(INTENT).split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8);
        String forged = payload.replace(INTENT.id(), "pi_ZZZZZZZZZZZZZZZZZZZZZ");
        assertNotEquals(payload, forged);

        String token = parts[0] + "." + Base64URL.encode(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(token));
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String token = TOKENS.issue(INTENT);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(tampered));
    }

    @Test
    void anOverlongTokenIsRefusedWhateverItCarries() {
        String token = TOKENS.issue(INTENT);
        String padded = token.substring(0, token.indexOf('.') + 1) + "A".repeat(IntentTokens.MAX_TOKEN_LENGTH)
                + token.substring(token.lastIndexOf('.'));

        InvalidTokenException refused = assertThrows(InvalidTokenException.class, () -> TOKENS.verify(padded));
        assertEquals("Invalid token.", refused.getMessage()); // not the signature check's message: refused before it
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        IntentTokens otherKey = new IntentTokens(new SigningKey(random(32)), LIFETIME,
                Clock.fixed(CREATED.plusSeconds(60), ZoneOffset.UTC));

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(otherKey.issue(INTENT)));
        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(hs256(validClaims().build(), random(32))));
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        String none = new PlainJWT(validClaims().build()).serialize();

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(none));
    }

    @Test
    void anAlgNoneHeaderOnAValidSignatureIsRefused() {
        String[] parts = TOKENS.issue(INTENT).split("\\.");
        String noneHeader = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                .toString();

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(noneHeader + "." + parts[1] + "." + parts[2]));
        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(noneHeader + "." + parts[1] + "."));
    }

    @Test
    void anHs512TokenWithTheSameSecretIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), validClaims().build());
        jwt.sign(new MACSigner(SECRET));

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(jwt.serialize()));
    }

    @Test
    void anRs256TokenIsRefused() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), validClaims().build());
        jwt.sign(new RSASSASigner(rsa));

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(jwt.serialize()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "a.b.c", "a.b", "....", "eyJhbGciOiJIUzI1NiJ9", "null",
            "eyJhbGciOiJIUzI1NiJ9.eyJ9.c2ln", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln"})
    void garbageIsRefused(String token) {
        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(token));
    }

    // ---- well signed, but not a Cauri intent token ----

    @Test
    void aSignedTokenWithoutIntentIdIsRefused() throws Exception {
        String token = hs256(validClaims().claim("intentId", null).build(), SECRET);

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(token));
    }

    @Test
    void aSignedTokenWithoutMerchantIdIsRefused() throws Exception {
        String token = hs256(validClaims().claim("merchantId", null).build(), SECRET);

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIVE", "test", "", "production"})
    void aSignedTokenWithAnUnknownModeIsRefused(String mode) throws Exception {
        String token = hs256(validClaims().claim("mode", mode).build(), SECRET);

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(token));
    }

    @Test
    void aSignedTokenWhoseClaimsHaveTheWrongTypeIsRefused() throws Exception {
        String numericIntent = hs256(validClaims().claim("intentId", 42).build(), SECRET);
        String objectMode = hs256(validClaims().claim("mode", Map.of("a", "b")).build(), SECRET);

        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(numericIntent));
        assertThrows(InvalidTokenException.class, () -> TOKENS.verify(objectMode));
    }
}
