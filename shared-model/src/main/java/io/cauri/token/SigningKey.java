package io.cauri.token;

import java.util.Arrays;

/**
 * The HMAC key that signs client tokens (at least 256 bits). Loaded once per container by
 * {@link SigningKeyFactory}; never a literal in code, never logged.
 */
public final class SigningKey {
    private final byte[] bytes;

    public SigningKey(byte[] bytes) {
        if (bytes.length < 32) {
            throw new IllegalArgumentException("the token signing key must be at least 256 bits");
        }
        this.bytes = bytes.clone();
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
