package io.cauri.merchantcli;

import io.micronaut.context.exceptions.BeanInstantiationException;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a failed command into one line on stderr and exit code 1: no stack trace for an operator to read, and
 * nothing on stdout a script could mistake for an answer.
 */
final class FailureReport implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed) {
        Throwable cause = failure;
        // the DynamoDB client is built inside the bean context: report what went wrong there
        while (cause instanceof BeanInstantiationException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message;
        if (cause instanceof CommandFailure) {
            message = cause.getMessage();
        } else if (cause instanceof SdkException && String.valueOf(cause.getMessage()).startsWith("Unable to load region")) {
            message = "no AWS region: pass --region or set AWS_REGION (or --endpoint for a local DynamoDB)";
        } else if (cause instanceof SdkException) {
            message = "DynamoDB: " + cause.getMessage();
        } else {
            message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        commandLine.getErr().println("error: " + message);
        commandLine.getErr().flush();
        return 1;
    }
}
