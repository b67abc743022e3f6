package io.cauri.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/**
 * The per-intent client token (HUB2 {@code token}): an HS256 JWT with claims {@code intentId},
 * {@code merchantId}, {@code mode}, {@code iat} and {@code exp}.
 *
 * <p>The token is derived, not stored: {@code iat} is the intent's creation time, so signing the same
 * intent again yields the same token, and no bearer credential sits in the table or its stream.
 */
@Singleton
@io.micronaut.context.annotation.Requires(condition = SigningKeyConfigured.class)
public class IntentTokens {

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
     * Loads and initialises what {@link #issue} and {@link #verify} run (nimbus-jose-jwt, the JCA's HMAC) by
     * signing and verifying a throwaway token with the key: called on the thread that read the key, while the
     * rest of a cold start goes on. Nothing random is drawn and nothing is kept; a failure only costs the warm-up.
     */
    static void warmUp(SigningKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().claim("warmUp", true).build());
            jwt.sign(new MACSigner(key.bytes()));
            SignedJWT.parse(jwt.serialize()).verify(new MACVerifier(key.bytes()));
        } catch (JOSEException | ParseException | RuntimeException e) {
            // best effort: issue and verify load whatever this did not
        }
    }

    public String issue(PaymentIntent intent) {
        Instant iat = intent.createdAt();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("intentId", intent.id())
                .claim("merchantId", intent.merchantId())
                .claim("mode", intent.mode().wire())
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(iat.plus(lifetime)))
                .build();
        SigningKey current = keys.get().current();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(current.id()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new MACSigner(current.bytes()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign intent token", e);
        }
        return jwt.serialize();
    }

    /**
     * Verifies the signature and expiry. The algorithm is pinned to HS256 whatever the header says: {@code none},
     * RS/ES algorithms (the RS/HS confusion) and other HMAC sizes are refused before any key is used. The
     * {@code kid} picks the key among those in force (an unknown one is refused); a token without one (issued
     * before key ids) is tried against each. MAC comparison is constant-time (nimbus).
     */
    public IntentTokenClaims verify(String token) {
        SigningKeys keys = this.keys.get(); // outside the try: keys that cannot be read are not an invalid token
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                throw new InvalidTokenException("Unsupported token algorithm.");
            }
            String kid = jwt.getHeader().getKeyID();
            List<SigningKey> candidates = kid == null ? keys.all() : keys.byId(kid).map(List::of).orElse(List.of());
            boolean verified = false;
            for (SigningKey key : candidates) {
                JWSVerifier verifier = new MACVerifier(key.bytes());
                verified = jwt.verify(verifier) || verified;
            }
            if (!verified) {
                throw new InvalidTokenException("Invalid token signature.");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null || !exp.toInstant().isAfter(clock.instant())) {
                throw new InvalidTokenException("The token has expired.");
            }
            String intentId = claims.getStringClaim("intentId");
            String merchantId = claims.getStringClaim("merchantId");
            Mode mode = Mode.fromWire(claims.getStringClaim("mode"))
                    .orElseThrow(() -> new InvalidTokenException("Invalid token."));
            if (intentId == null || merchantId == null) {
                throw new InvalidTokenException("Invalid token.");
            }
            return new IntentTokenClaims(intentId, merchantId, mode);
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw new InvalidTokenException("Invalid token.");
        }
    }
}
