package io.cauri.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The HMAC key that signs client tokens (at least 256 bits). Loaded once per container by
 * {@link SigningKeyFactory}; never a literal in code, never logged.
 */
public final class SigningKey {
    private final byte[] bytes;
    private final String id;

    public SigningKey(byte[] bytes) {
        if (bytes.length < 32) {
            throw new IllegalArgumentException("the token signing key must be at least 256 bits");
        }
        this.bytes = bytes.clone();
        this.id = idOf(bytes);
    }

    /**
     * The key's id, the JWT {@code kid} of the tokens it signs: derived from the key (a truncated SHA-256 of it,
     * which tells nothing about the key), so a rotation needs no naming scheme and every container agrees.
     */
    public String id() {
        return id;
    }

    private static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("cauri-token-key-id:" + Base64.getEncoder().encodeToString(key)).getBytes(StandardCharsets.UTF_8));
            return "k" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "SigningKey[" + bytes.length * 8 + " bits, redacted]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
