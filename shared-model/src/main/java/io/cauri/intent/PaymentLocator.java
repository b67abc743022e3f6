package io.cauri.intent;

import java.util.Optional;

/**
 * Port: which intent a payment belongs to. Payments live inside their intent's item (one conditional
 * write changes both), so a lookup by payment id needs this small index. Its entry is written in the same
 * transaction as the attempt that creates the payment ({@link IntentRepository#updateWithNewPayment}): every
 * payment has one, and no entry outlives a refused attempt.
 */
public interface PaymentLocator {
    Optional<String> intentOf(String paymentId);
}
