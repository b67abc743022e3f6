package io.cauri.merchantcli;

/** A command that could not do its work (exit code 1); the message is all the operator sees. */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message) {
        super(message, null, false, false);
    }
}
