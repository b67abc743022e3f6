package io.cauri.token;

/** Malformed, tampered, expired, wrongly signed or wrongly scoped token (401). */
public final class InvalidTokenException extends RuntimeException {
    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
