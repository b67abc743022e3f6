package io.cauri.ledger;

import io.cauri.intent.Fee;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;

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

    public static List<LedgerTransaction> of(PaymentIntent before, PaymentIntent after) {
        List<LedgerTransaction> postings = new ArrayList<>(1);
        for (Payment payment : after.payments()) {
            if (payment.status() == PaymentStatus.SUCCESSFUL
                    && before.payment(payment.id()).map(p -> p.status() != PaymentStatus.SUCCESSFUL).orElse(true)) {
                postings.add(payment(after, payment));
            }
        }
        return postings;
    }

    /**
     * The payer paid the amount plus the fees: the amount is the merchant's, the fees are Cauri's. Mobile money is
     * in Cauri's operator account the moment the operator reports success, so the amount is available at once
     * (nothing is credited to {@link Account#PENDING} today: a settlement delay would, with a movement releasing it).
     */
    static LedgerTransaction payment(PaymentIntent intent, Payment payment) {
        long fees = 0;
        for (Fee f : payment.fees()) {
            fees = Math.addExact(fees, f.amount());
        }
        long total = Math.addExact(payment.amount(), fees);
        List<Entry> entries = new ArrayList<>(3);
        entries.add(new Entry(Account.EXTERNAL, -total));
        entries.add(new Entry(Account.AVAILABLE, payment.amount()));
        if (fees > 0) {
            entries.add(new Entry(Account.FEES, fees));
        }
        return LedgerTransaction.of(intent.merchantId(), intent.mode(), intent.currency(), Kind.PAYMENT,
                payment.id(), total, fees, entries, payment.updatedAt());
    }
}
