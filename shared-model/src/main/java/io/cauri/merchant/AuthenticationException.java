package io.cauri.merchant;

import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/** The caller could not be authenticated (401). The message never says which part was wrong. */
public final class AuthenticationException extends RefusalException {
    public AuthenticationException(String message) {
        super(Refusal.UNAUTHORIZED, null, message);
    }
}
