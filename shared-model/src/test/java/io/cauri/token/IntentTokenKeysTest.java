package io.cauri.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Key ids ({@code kid}) and rotation of the token signing keys; the algorithm pinned against confusion. */
class IntentTokenKeysTest {
    private static final Instant CREATED = Instant.parse("2026-11-21T10:15:30.123Z");
    private static final Clock NOW = Clock.fixed(CREATED.plusSeconds(60), ZoneOffset.UTC);
    private static final Duration LIFETIME = Duration.ofHours(48);
    private static final PaymentIntent INTENT = PaymentIntent.open("pi_AAAAAAAAAAAAAAAAAAAAA", "m_merchant1",
            Mode.SANDBOX, CREATED, "order-1", "cust-1", 100, Currency.XOF, null);

    private static final SigningKey OLD = new SigningKey(random(32));
    private static final SigningKey NEW = new SigningKey(random(32));

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static IntentTokens tokens(SigningKey current, SigningKey... previous) {
        return new IntentTokens(new SigningKeys(current, List.of(previous)), LIFETIME, NOW);
    }

    private static String hs256(JWSHeader header, byte[] secret) throws Exception {
        SignedJWT jwt = new SignedJWT(header, new JWTClaimsSet.Builder()
                .claim("intentId", INTENT.id()).claim("merchantId", INTENT.merchantId()).claim("mode", "sandbox")
                .issueTime(Date.from(CREATED)).expirationTime(Date.from(CREATED.plus(LIFETIME))).build());
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    @Test
    void issuedTokensNameTheirKeyByKid() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens(NEW).issue(INTENT));
        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertEquals(NEW.id(), jwt.getHeader().getKeyID());
        assertNotEquals(OLD.id(), NEW.id());
        assertEquals(NEW.id(), new SigningKey(NEW.bytes()).id(), "the id is derived from the key: every container agrees");
        System.out.println("kid: issued tokens carry kid " + NEW.id() + " (derived from the key, 17 chars)");
    }

    @Test
    void aRotationKeepsOutstandingTokensValidUntilThePreviousKeyIsDropped() {
        String before = tokens(OLD).issue(INTENT);
        IntentTokens rotating = tokens(NEW, OLD);
        assertEquals(INTENT.id(), rotating.verify(before).intentId(), "a token of the previous key still works");
        String after = rotating.issue(INTENT);
        assertNotEquals(before, after, "new tokens are signed by the new key");
        assertEquals(INTENT.id(), rotating.verify(after).intentId());
        assertEquals(INTENT.id(), tokens(OLD).verify(before).intentId());

        IntentTokens rotated = tokens(NEW);
        assertEquals(INTENT.id(), rotated.verify(after).intentId());
        assertThrows(InvalidTokenException.class, () -> rotated.verify(before), "the dropped key's tokens stop working");
        assertThrows(InvalidTokenException.class, () -> tokens(OLD).verify(after), "a key never verifies what it did not sign");
        System.out.println("rotation: old-key token valid with [new, old], refused with [new]; new tokens carry the new kid");
    }

    @Test
    void anUnknownKidOrAKidOfAnotherKeyIsRefused() throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT);
        IntentTokens rotating = tokens(NEW, OLD);
        assertThrows(InvalidTokenException.class, () -> rotating.verify(hs256(header.keyID("k-unknown").build(), NEW.bytes())));
        // signed by OLD but claiming NEW's id: the named key is the only one tried
        assertThrows(InvalidTokenException.class, () -> rotating.verify(hs256(header.keyID(NEW.id()).build(), OLD.bytes())));
        assertEquals(INTENT.id(), rotating.verify(hs256(header.keyID(OLD.id()).build(), OLD.bytes())).intentId());
        // issued before key ids: tried against each key in force
        assertEquals(INTENT.id(), rotating.verify(hs256(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), OLD.bytes())).intentId());
    }

    @Test
    void anAsymmetricAlgorithmHeaderOverAnHmacSignatureIsRefused() throws Exception {
        // RS/HS confusion: a header saying RS256 (or ES256) over a valid HMAC of our key is never accepted
        String valid = tokens(NEW).issue(INTENT);
        String[] parts = valid.split("\\.");
        for (String alg : List.of("RS256", "ES256", "PS256", "none", "HS512")) {
            String header = Base64URL.encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + NEW.id() + "\"}"
                    .getBytes(StandardCharsets.UTF_8)).toString();
            String forged = header + "." + parts[1] + "." + parts[2];
            assertThrows(InvalidTokenException.class, () -> tokens(NEW).verify(forged), alg);
        }
    }

    @Test
    void anExpiredTokenIsRefusedWhateverItsKey() {
        String token = tokens(NEW).issue(INTENT);
        IntentTokens later = new IntentTokens(SigningKeys.of(NEW), LIFETIME,
                Clock.fixed(CREATED.plus(LIFETIME), ZoneOffset.UTC));
        assertThrows(InvalidTokenException.class, () -> later.verify(token));
    }

    @Test
    void theSecretHoldsOneKeyPerLineTheFirstSigning(@TempDir Path dir) throws Exception {
        String newSecret = "n".repeat(20) + "ew-signing-key-0123456789";
        String oldSecret = "o".repeat(20) + "ld-signing-key-0123456789";
        Path file = dir.resolve("signing-key");
        Files.writeString(file, newSecret + "\n" + oldSecret + "\n\n");
        SigningKeys keys = new SigningKeyFactory().signingKeys("", file.toString(), "");
        assertEquals(new SigningKey(newSecret.getBytes(StandardCharsets.UTF_8)), keys.current());
        assertEquals(List.of(new SigningKey(oldSecret.getBytes(StandardCharsets.UTF_8))), keys.previous());
        assertThrows(IllegalArgumentException.class, () -> new SigningKeys(NEW, List.of(NEW)));
    }
}
