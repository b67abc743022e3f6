package io.cauri.payment;

import java.time.Instant;
import java.util.Objects;

/**
 * A live attempt's hold on one debit — this merchant, this payer's number in this country, this amount — for the
 * duplicate-debit window ({@link DuplicateDebitGuard}). {@link #debit()} is what two attempts share when they would
 * debit the same wallet the same amount; the payment id says whose hold it is.
 *
 * @param intentId  the intent of the attempt that holds it
 * @param paymentId the attempt (payment) that holds it
 * @param claimedAt when it was taken
 * @param expiresAt when it stops holding anything (claimedAt + the window)
 */
public record DebitClaim(String merchantId, String country, String msisdn, long amount, String currency,
                         String intentId, String paymentId, Instant claimedAt, Instant expiresAt) {

    public DebitClaim {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * The debit, as one string: merchant, country (a national number means another wallet in another country),
     * number, amount and currency (an amount means nothing without its currency). Merchant ids, country codes,
     * numbers (digits, an optional '+'), amounts and currency codes hold no '#'.
     */
    public String debit() {
        return merchantId + "#" + country + "#" + msisdn + "#" + amount + "#" + currency;
    }

    /** Whether it still holds its debit at {@code now}. */
    public boolean holdsAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    public boolean isHeldBy(String payment) {
        return paymentId != null && paymentId.equals(payment);
    }
}
