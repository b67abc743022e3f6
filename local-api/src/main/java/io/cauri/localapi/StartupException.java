package io.cauri.localapi;

/** A problem the user can fix (missing jar, bad template, bad option): printed as a message, not a stack trace. */
public class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
