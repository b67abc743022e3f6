package io.cauri.merchant;

/** The caller could not be authenticated (401). The message never says which part was wrong. */
public final class AuthenticationException extends RuntimeException {
    public AuthenticationException(String message) {
        super(message, null, false, false);
    }
}
