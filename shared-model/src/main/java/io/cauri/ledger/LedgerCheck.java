package io.cauri.ledger;

import io.cauri.intent.Currency;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The consistency check of one merchant's books in one mode: every journal transaction's entries sum to zero and
 * its {@code net} is its effect on available and pending; every balance item's account is the sum of that account's
 * entries in its currency, its transaction count the number of journal transactions in it; no merchant account is
 * below zero; no journal currency lacks its balance item. Reads nothing itself: the caller hands it the journal (in
 * any order, read lazily) and the balance items, so it runs in the tests and in the operator's command alike.
 */
public final class LedgerCheck {
    private LedgerCheck() {
    }

    /** What the check found: no problem means consistent. */
    public record Report(long transactions, List<Balance> balances, List<String> problems) {
        public Report {
            balances = List.copyOf(balances);
            problems = List.copyOf(problems);
        }

        public boolean consistent() {
            return problems.isEmpty();
        }
    }

    public static Report of(Iterable<LedgerTransaction> journal, List<Balance> balances) {
        List<String> problems = new ArrayList<>();
        Map<Currency, Map<Account, Long>> sums = new EnumMap<>(Currency.class);
        Map<Currency, Long> counts = new EnumMap<>(Currency.class);
        long transactions = 0;
        String merchant = null;
        for (LedgerTransaction t : journal) {
            transactions++;
            if (merchant != null && !merchant.equals(t.merchantId() + "#" + t.mode().wire())) {
                problems.add(t.id() + " belongs to other books (" + t.merchantId() + " " + t.mode().wire() + ")");
            }
            merchant = t.merchantId() + "#" + t.mode().wire();
            long sum = 0;
            long net = 0;
            for (Entry e : t.entries()) {
                sum = Math.addExact(sum, e.amount());
                if (e.account() == Account.AVAILABLE || e.account() == Account.PENDING) {
                    net = Math.addExact(net, e.amount());
                }
            }
            if (sum != 0) {
                problems.add(t.id() + " (" + t.kind().wire() + " " + t.sourceId() + "): entries sum to " + sum);
            }
            if (net != t.net()) {
                problems.add(t.id() + ": net " + t.net() + " but its entries move " + net + " in available and pending");
            }
            if (!t.id().equals(LedgerTransaction.idOf(t.kind(), t.sourceId()))) {
                problems.add(t.id() + ": not the id of " + t.kind().wire() + " " + t.sourceId());
            }
            Map<Account, Long> book = sums.computeIfAbsent(t.currency(), c -> new EnumMap<>(Account.class));
            t.effects().forEach((a, v) -> book.merge(a, v, Math::addExact));
            counts.merge(t.currency(), 1L, Long::sum);
        }
        for (Balance b : balances) {
            Map<Account, Long> book = sums.getOrDefault(b.currency(), Map.of());
            long total = 0;
            for (Account a : Account.values()) {
                long entries = book.getOrDefault(a, 0L);
                total = Math.addExact(total, b.of(a));
                if (b.of(a) != entries) {
                    problems.add(b.currency() + " " + a.wire() + ": balance " + b.of(a) + ", entries sum to " + entries);
                }
                if (a.merchants() && b.of(a) < 0) {
                    problems.add(b.currency() + " " + a.wire() + " is below zero: " + b.of(a));
                }
            }
            if (total != 0) {
                problems.add(b.currency() + ": the accounts sum to " + total);
            }
            long count = counts.getOrDefault(b.currency(), 0L);
            if (b.transactions() != count) {
                problems.add(b.currency() + ": balance counts " + b.transactions() + " transactions, the journal has "
                        + count);
            }
        }
        for (Currency c : sums.keySet()) {
            if (balances.stream().noneMatch(b -> b.currency() == c)) {
                problems.add(c + ": journal transactions but no balance");
            }
        }
        return new Report(transactions, balances, problems);
    }
}
