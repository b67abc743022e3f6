package io.cauri.aws;

import io.cauri.merchant.Mode;
import io.cauri.provider.PayoutCheck;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A {@link PayoutCheck} as it travels in a message body (JSON) of the provider-events queue, beside payment events:
 * {@code type} = {@value #TYPE} tells the two apart (a payment event's body has no {@code type}).
 */
@Serdeable
public record PayoutCheckMessage(String type, String subject, String merchantId, String mode, String id,
                                 Integer round) {
    public static final String TYPE = "payout_check";

    public static PayoutCheckMessage of(PayoutCheck c) {
        return new PayoutCheckMessage(TYPE, c.subject().name(), c.merchantId(), c.mode().wire(), c.id(),
                c.round() == 0 ? null : c.round());
    }

    /**
     * Whether a message body is a payout check: this record is written with {@code type} first, and a payment
     * event's body has no {@code type} at all, so a look at the body's start tells them apart before parsing.
     */
    public static boolean isOne(String body) {
        return body != null && body.startsWith("{\"type\":\"" + TYPE + "\"");
    }

    /** @throws IllegalArgumentException for a message no Cauri component wrote */
    public PayoutCheck toCheck() {
        if (!TYPE.equals(type) || subject == null || merchantId == null || mode == null || id == null) {
            throw new IllegalArgumentException("incomplete payout check");
        }
        return new PayoutCheck(PayoutCheck.Subject.valueOf(subject), merchantId,
                Mode.fromWire(mode).orElseThrow(() -> new IllegalArgumentException("unknown mode")), id,
                round == null ? 0 : round);
    }
}
