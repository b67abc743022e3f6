package io.cauri.event;

import io.cauri.merchant.Mode;
import io.cauri.refund.Refund;
import io.cauri.transfer.Transfer;

import java.time.Instant;

/**
 * One change of a refund or a transfer, as read from the ledger table's stream: {@code refund.*} events carry the
 * refund (and a null transfer), {@code transfer.*} events the transfer (and a null refund), each as stored by the
 * write that made the change. {@code sequence} orders the events of one refund or transfer, as
 * {@link StatusEvent#sequence()} orders an intent's (see {@link MoneyOutEvents}).
 */
public record MoneyOutEvent(String id, EventType type, Instant createdAt, Transfer transfer, Refund refund,
                            long sequence) {
    public MoneyOutEvent {
        if ((transfer == null) == (refund == null)) {
            throw new IllegalArgumentException("a money-out event is about one refund or one transfer");
        }
    }

    public String merchantId() {
        return transfer != null ? transfer.merchantId() : refund.merchantId();
    }

    public Mode mode() {
        return transfer != null ? transfer.mode() : refund.mode();
    }

    /** The refund's or transfer's id: what orders its events (the envelope's ordering key). */
    public String objectId() {
        return transfer != null ? transfer.id() : refund.id();
    }
}
