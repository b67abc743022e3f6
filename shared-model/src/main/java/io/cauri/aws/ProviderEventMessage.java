package io.cauri.aws;

import io.cauri.intent.FailureCode;
import io.cauri.intent.PaymentStatus;
import io.cauri.provider.ProviderEvent;
import io.micronaut.serde.annotation.Serdeable;

/** A {@link ProviderEvent} as it travels in a queue message body (JSON). */
@Serdeable
public record ProviderEventMessage(String intentId, String paymentId, String outcome, String failureCode,
                                   String message, String onlyIf, String unchangedSince, Integer round) {

    public static ProviderEventMessage of(ProviderEvent e) {
        return new ProviderEventMessage(e.intentId(), e.paymentId(), e.outcome().name(),
                e.failureCode() == null ? null : e.failureCode().name(), e.message(),
                e.onlyIf() == null ? null : e.onlyIf().name(),
                e.unchangedSince() == null ? null : io.cauri.time.Timestamps.format(e.unchangedSince()),
                e.round() == 0 ? null : e.round());
    }

    /** @throws IllegalArgumentException for a message no Cauri component wrote */
    public ProviderEvent toEvent() {
        if (intentId == null || paymentId == null || outcome == null) {
            throw new IllegalArgumentException("incomplete provider event");
        }
        if (round != null && round < 0) {
            throw new IllegalArgumentException("negative check round");
        }
        return new ProviderEvent(intentId, paymentId, ProviderEvent.Outcome.valueOf(outcome),
                failureCode == null ? null : FailureCode.valueOf(failureCode), message,
                onlyIf == null ? null : PaymentStatus.valueOf(onlyIf),
                unchangedSince == null ? null : instant(unchangedSince), round == null ? 0 : round);
    }

    private static java.time.Instant instant(String text) {
        try {
            return io.cauri.time.Timestamps.parse(text);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unreadable unchangedSince", e);
        }
    }
}
