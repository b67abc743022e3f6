package io.cauri.payment;

import io.cauri.intent.IntentRepository;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import io.cauri.merchant.Mode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The duplicate-debit guard: operators refuse, or worse charge twice, a second debit of the same number for the
 * same amount within minutes (docs/PROVIDERS.md §3D: Orange fails "same number + same amount" in a short window;
 * with MTN or Wave the payer gets two approval prompts and may approve both), so a second live attempt of one merchant with the same number and amount within
 * {@code cauri.payments.duplicate-debit-window} is refused with 409 {@code duplicate_request} — unless it is for
 * another intent and the merchant opted out ({@link Merchant#allowRepeatDebits()}).
 *
 * <p>How, and why so:
 * <ul>
 *   <li>The attempt claims its debit ({@link DebitClaims}) with a conditional write <em>before</em> the attempt
 *       itself is stored: two racing attempts on different intents with the same number and amount both pass
 *       every check on their own intent, and only a write they both aim at decides between them — exactly one
 *       claim lands, the other attempt is refused and stores nothing.</li>
 *   <li>A claim whose attempt ended {@code failed} blocks nothing: no money moved, and the payer retrying at once
 *       is the normal case. The claim is overwritten (conditionally on it still being that payment's).</li>
 *   <li>A claim whose attempt was never stored (refused by a racing change after its claim, or its process gone)
 *       blocks only for {@link #ABANDONED_AFTER}: longer than any attempt takes between its claim and its own
 *       write, so an attempt in flight is never taken for abandoned.</li>
 *   <li>A claim holds for the window only (its expiry, also the table's TTL): nothing is ever released by hand
 *       on success, and no stale claim outlives it. The key holds the merchant, so it never blocks another
 *       merchant; sandbox attempts are not guarded (no money moves, and tests repeat numbers on purpose).</li>
 * </ul>
 * The cost on the usual path is one conditional write per live mobile money attempt; the holder's intent (and
 * the merchant, for the opt-out) are read only when a claim is already there.
 */
@Singleton
public class DuplicateDebitGuard {
    /** Longer than an attempt's claim-to-write (seconds; template.yaml's function Timeout is 30 s). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);
    /** Rounds of take-over: each lost one means another attempt changed the claim meanwhile. */
    private static final int ROUNDS = 3;

    private final DebitClaims claims;
    private final IntentRepository intents;
    private final MerchantRepository merchants;
    private final Duration window;

    /**
     * @param window how long a live attempt holds its number and amount. 5 minutes by default: the span in which
     *               operators treat a repeat as a duplicate (docs/PROVIDERS.md §3D) and in which the first debit
     *               may still be waiting for the payer's approval (MTN's window is about 5 minutes,
     *               docs/PROVIDERS.md §6), so a second debit then is a double click or a client's retry, not a new
     *               purchase. Longer would block honest repeat purchases for nothing; the merchant whose payers
     *               do repeat purchases on purpose opts out.
     */
    public DuplicateDebitGuard(DebitClaims claims, IntentRepository intents, MerchantRepository merchants,
                               @Value("${cauri.payments.duplicate-debit-window:5m}") Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("cauri.payments.duplicate-debit-window must be positive");
        }
        this.claims = claims;
        this.intents = intents;
        this.merchants = merchants;
        this.window = window;
    }

    /**
     * Claims the debit of this new attempt, before the attempt is stored. Returns the claim to release if the
     * attempt is then not stored; empty when nothing was claimed (sandbox, no number, or the merchant's opt-out).
     *
     * @throws DuplicateDebitException another attempt of the merchant holds this debit; nothing was stored
     */
    public Optional<DebitClaim> claim(PaymentIntent intent, Payment payment, Instant now) {
        if (intent.mode() != Mode.LIVE || payment.number() == null) {
            return Optional.empty();
        }
        // "+225…" and "225…" are one wallet (connectors send the digits without the '+')
        String number = payment.number().startsWith("+") ? payment.number().substring(1) : payment.number();
        DebitClaim ours = new DebitClaim(intent.merchantId(), payment.country(), number, payment.amount(),
                payment.currency().name(), intent.id(), payment.id(), now, now.plus(window));
        String replacing = null;
        DebitClaim holder = null;
        for (int round = 0; round < ROUNDS; round++) {
            Optional<DebitClaim> held = claims.claim(ours, replacing, now);
            if (held.isEmpty()) {
                return Optional.of(ours);
            }
            holder = held.get();
            if (!mayStillDebit(holder, now)) {
                replacing = holder.paymentId(); // failed or abandoned: take its place, if it is still there
                continue;
            }
            if (!intent.id().equals(holder.intentId()) && optedOut(intent.merchantId())) {
                return Optional.empty(); // the merchant takes repeat debits on other intents; the holder keeps it
            }
            break;
        }
        throw new DuplicateDebitException(DuplicateDebitException.HUB2_PARAM, secondsLeft(holder, now));
    }

    /** After the attempt was refused without being stored: its claim would otherwise block for the window. */
    public void release(DebitClaim claim, RuntimeException refusal) {
        try {
            claims.release(claim);
        } catch (RuntimeException unreleased) {
            refusal.addSuppressed(unreleased); // the claim ends as abandoned (ABANDONED_AFTER) or at its expiry
        }
    }

    /**
     * Whether the holder's attempt may debit the payer: anything but a payment known to have failed. A claim whose
     * payment is not on its intent was abandoned once {@link #ABANDONED_AFTER} has passed (before that its
     * attempt may be being written right now).
     */
    private boolean mayStillDebit(DebitClaim holder, Instant now) {
        if (holder.intentId() == null || holder.paymentId() == null) {
            return true; // a holder the store could not name: assume it may debit
        }
        Optional<Payment> payment = intents.find(holder.intentId()).flatMap(i -> i.payment(holder.paymentId()));
        if (payment.isPresent()) {
            return payment.get().status() != PaymentStatus.FAILED;
        }
        return holder.claimedAt().plus(ABANDONED_AFTER).isAfter(now);
    }

    private boolean optedOut(String merchantId) {
        return merchants.find(merchantId).map(Merchant::allowRepeatDebits).orElse(false);
    }

    private static long secondsLeft(DebitClaim holder, Instant now) {
        if (holder == null) {
            return 1;
        }
        long millis = Duration.between(now, holder.expiresAt()).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
