package io.cauri.local;

import io.cauri.event.StreamFailures;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link StreamFailures} without a failures queue (local runs): the record's position goes to the log. */
@Singleton
@Requires(missingProperty = "cauri.events.failures-queue-url")
public class LoggedStreamFailures implements StreamFailures {
    private static final Logger LOG = LoggerFactory.getLogger(LoggedStreamFailures.class);

    @Override
    public void park(Parked record) {
        LOG.error("stream record {} (sequence {}, intent {}) can never be published; skipped: {}", record.recordId(),
                record.sequenceNumber(), record.intentId(), record.error());
    }
}
