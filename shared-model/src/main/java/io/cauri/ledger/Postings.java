package io.cauri.ledger;

import io.cauri.intent.Fee;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which ledger transactions an intent's change posts: one {@link Kind#PAYMENT} per payment that became successful
 * in it. The repository writes them with the change, in one storage transaction; the transaction's id comes from
 * the payment's, so a success applied twice (a redelivered provider event) cannot post twice.
 */
public final class Postings {
    private Postings() {
    }

    /** {@link #of(PaymentIntent, PaymentIntent, Duration)} with the money available at once. */
    public static List<LedgerTransaction> of(PaymentIntent before, PaymentIntent after) {
        return of(before, after, Duration.ZERO);
    }

    /**
     * @param availabilityDelay how long collected money stays pending before a refund or transfer may take it
     *                          (zero: available at once)
     */
    public static List<LedgerTransaction> of(PaymentIntent before, PaymentIntent after, Duration availabilityDelay) {
        List<LedgerTransaction> postings = new ArrayList<>(1);
        for (Payment payment : after.payments()) {
            if (payment.status() == PaymentStatus.SUCCESSFUL
                    && before.payment(payment.id()).map(p -> p.status() != PaymentStatus.SUCCESSFUL).orElse(true)) {
                postings.add(payment(after, payment, availabilityDelay));
            }
        }
        return postings;
    }

    /**
     * The payer paid the amount plus the fees: the amount is the merchant's, the fees are Cauri's. Mobile money is
     * in Cauri's operator account the moment the operator reports success, so with no delay the amount is
     * available at once; with one it is pending until then ({@link Kind#PAYMENT_RELEASE} moves it).
     */
    static LedgerTransaction payment(PaymentIntent intent, Payment payment, Duration availabilityDelay) {
        long fees = 0;
        for (Fee f : payment.fees()) {
            fees = Math.addExact(fees, f.amount());
        }
        long total = Math.addExact(payment.amount(), fees);
        List<Entry> entries = new ArrayList<>(3);
        entries.add(new Entry(Account.EXTERNAL, -total));
        boolean delayed = !availabilityDelay.isZero();
        entries.add(new Entry(delayed ? Account.PENDING : Account.AVAILABLE, payment.amount()));
        if (fees > 0) {
            entries.add(new Entry(Account.FEES, fees));
        }
        return LedgerTransaction.of(intent.merchantId(), intent.mode(), intent.currency(), Kind.PAYMENT,
                payment.id(), total, fees, entries, payment.updatedAt(),
                delayed ? payment.updatedAt().plus(availabilityDelay) : null);
    }
}
