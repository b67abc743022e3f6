package io.cauri.cli;

/**
 * A command that cannot do what was asked: its one-line message goes to stderr and the process exits with
 * {@link #exitCode()} ({@link Cauri#EXIT_API}, {@link Cauri#EXIT_USAGE} or {@link Cauri#EXIT_UNREACHABLE}).
 */
class CliFailure extends RuntimeException {
    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** Lines printed after the message (an API error's request id); none by default. */
    String detail() {
        return null;
    }
}
