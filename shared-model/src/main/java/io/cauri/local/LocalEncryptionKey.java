package io.cauri.local;

import io.cauri.sealing.AesGcm;
import io.cauri.sealing.EncryptionKey;

import java.util.Arrays;
import java.util.Base64;

/** {@link EncryptionKey} with a 256-bit AES key held in memory (local-api's generated key file, tests). */
public final class LocalEncryptionKey implements EncryptionKey {
    private static final String PREFIX = "local1.";

    private final byte[] key;

    public LocalEncryptionKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the local encryption key must be 256 bits (32 bytes)");
        }
        this.key = key.clone();
    }

    /** A key given as base64 (standard or URL alphabet), as configuration and key files hold it. */
    public static LocalEncryptionKey fromBase64(String text) {
        String t = text.strip();
        byte[] bytes = t.contains("-") || t.contains("_") ? Base64.getUrlDecoder().decode(t) : Base64.getDecoder().decode(t);
        return new LocalEncryptionKey(bytes);
    }

    @Override
    public String seal(byte[] plaintext, String context) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(AesGcm.encrypt(key, plaintext, context));
    }

    @Override
    public byte[] open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("not a value sealed by a local key");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sealed value is not base64");
        }
        return AesGcm.decrypt(key, bytes, context);
    }

    @Override
    public String toString() {
        return "LocalEncryptionKey[256 bits, redacted]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalEncryptionKey k && Arrays.equals(key, k.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
