package io.cauri.intent;

import java.util.Optional;

/**
 * Port: which intent a payment belongs to. Payments live inside their intent's item (one conditional
 * write changes both), so a lookup by payment id needs this small index. The entry is written before the
 * attempt is stored: a payment that exists always has one; an entry whose attempt lost its race points to
 * an intent without that payment and reads as not found.
 */
public interface PaymentLocator {
    void remember(String paymentId, String intentId);

    Optional<String> intentOf(String paymentId);
}
