package io.cauri.merchant;

import io.cauri.id.Ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A merchant's server-side API key, as stored: only the SHA-256 of the secret is kept, so a leaked
 * table does not leak keys. The secret itself is shown once, when issued.
 */
public record ApiKey(String id, Mode mode, String sha256, Instant createdAt, boolean revoked) {

    /** A key just issued: the record to store and the secret to show once. */
    public record Issued(ApiKey key, String secret) {
    }

    public static Issued issue(Mode mode, Instant now) {
        String secret = (mode == Mode.LIVE ? "sk_live_" : "sk_sandbox_") + Ids.next("") + Ids.next("");
        return withSecret(mode, secret, now);
    }

    /** A key with a secret chosen by the operator (local demo credentials); same storage rules. */
    public static Issued withSecret(Mode mode, String secret, Instant now) {
        return new Issued(new ApiKey(Ids.next("key_"), mode, hash(secret), now, false), secret);
    }

    /** Constant-time: the comparison takes as long whether the first or the last byte differs. */
    public boolean matches(String presentedSecret) {
        return !revoked && MessageDigest.isEqual(
                HexFormat.of().parseHex(sha256), HexFormat.of().parseHex(hash(presentedSecret)));
    }

    public static String hash(String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
