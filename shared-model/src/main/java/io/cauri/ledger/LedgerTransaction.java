package io.cauri.ledger;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.merchant.Mode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One money movement in a merchant's books: balanced entries (they sum to zero) written with the state change
 * that causes it, in the same storage transaction. Its id is derived from its {@link Kind} and the cause's id
 * ({@code sourceId}: the payment, refund or transfer), so a cause applied twice posts once.
 *
 * @param amount what the movement is about, gross (a payment's payer total, a refund's or transfer's amount)
 * @param fee    the part of {@code amount} that is Cauri's fee
 * @param net    what the movement does to the merchant's available and pending money together
 * @param availableOn for a payment credited to {@link Account#PENDING}: when it becomes available; else null
 */
public record LedgerTransaction(String id, String merchantId, Mode mode, Currency currency, Kind kind,
                                String sourceId, long amount, long fee, long net, List<Entry> entries,
                                Instant createdAt, Instant availableOn) {
    /** Enough for the largest movement; bounds the stored item. */
    public static final int MAX_ENTRIES = 5;

    public LedgerTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(createdAt, "createdAt");
        entries = List.copyOf(entries);
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("a transaction has 1 to " + MAX_ENTRIES + " entries");
        }
        long sum = 0;
        for (Entry e : entries) {
            sum = Math.addExact(sum, e.amount());
        }
        if (sum != 0) {
            throw new IllegalArgumentException("entries of " + kind.wire() + " " + sourceId + " sum to " + sum);
        }
    }

    /** A movement of {@code kind} caused by {@code sourceId}, with its derived id. */
    public static LedgerTransaction of(String merchantId, Mode mode, Currency currency, Kind kind, String sourceId,
                                       long amount, long fee, List<Entry> entries, Instant createdAt) {
        return of(merchantId, mode, currency, kind, sourceId, amount, fee, entries, createdAt, null);
    }

    /** {@link #of} for a payment credited to pending, available on {@code availableOn}. */
    public static LedgerTransaction of(String merchantId, Mode mode, Currency currency, Kind kind, String sourceId,
                                       long amount, long fee, List<Entry> entries, Instant createdAt,
                                       Instant availableOn) {
        long net = 0;
        for (Entry e : entries) {
            if (e.account() == Account.AVAILABLE || e.account() == Account.PENDING) {
                net = Math.addExact(net, e.amount());
            }
        }
        return new LedgerTransaction(idOf(kind, sourceId), merchantId, mode, currency, kind, sourceId, amount, fee,
                net, entries, createdAt, availableOn);
    }

    /** The id of the transaction {@code kind} of {@code sourceId} posts: the same every time it is asked. */
    public static String idOf(Kind kind, String sourceId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((kind.wire() + ":" + sourceId).getBytes(StandardCharsets.UTF_8));
            return Ids.fromHash(Ids.LEDGER_TRANSACTION, hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What this transaction does to each account. */
    public Map<Account, Long> effects() {
        Map<Account, Long> effects = new EnumMap<>(Account.class);
        for (Entry e : entries) {
            effects.merge(e.account(), e.amount(), Math::addExact);
        }
        return effects;
    }
}
