package io.cauri.local;

import io.cauri.webhook.OperatorAlarms;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link OperatorAlarms} without an alarm topic (local runs, tests): the alarm goes to the log and is kept in
 * this JVM, so a test can see what operators would have received.
 */
@Singleton
@Requires(missingProperty = "cauri.alarms.topic-arn")
@Requires(missingProperty = "cauri.alarm.topic-arn")
public class LoggedOperatorAlarms implements OperatorAlarms {
    private static final Logger LOG = LoggerFactory.getLogger(LoggedOperatorAlarms.class);

    /** One alarm as raised. */
    public record Raised(String subject, String message) {
    }

    private final List<Raised> raised = new ArrayList<>();

    @Override
    public synchronized void raise(String subject, String message) {
        LOG.error("ALARM {}: {}", subject, message);
        raised.add(new Raised(subject, message));
    }

    /** The alarms raised in this JVM, oldest first. */
    public synchronized List<Raised> raised() {
        return List.copyOf(raised);
    }
}
