package io.cauri.webhook;

/**
 * Port: a message to the operators' alarm topic ({@code cauri.alarms.topic-arn}), for what needs a person
 * rather than a retry: today, a merchant's webhook endpoint disabled after failing for days.
 */
public interface OperatorAlarms {

    /** Publishes one message; {@code subject} is a short line (at most 100 characters, plain ASCII). */
    void raise(String subject, String message);
}
