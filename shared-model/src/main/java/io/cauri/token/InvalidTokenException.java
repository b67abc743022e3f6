package io.cauri.token;

import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/** Malformed, tampered, expired, wrongly signed or wrongly scoped token (401). */
public final class InvalidTokenException extends RefusalException {
    public InvalidTokenException(String message) {
        super(Refusal.UNAUTHORIZED, null, message);
    }
}
