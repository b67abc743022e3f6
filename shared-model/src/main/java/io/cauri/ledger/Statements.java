package io.cauri.ledger;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.merchant.Caller;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What a merchant reads of its books (docs/CONTRACT.md, balance and statements), always its own in the caller's
 * mode: the balances now or at a past date, one transaction, cursor pages of the journal, and every transaction of
 * a period with the running balance for a CSV export. Every read is bounded: a past figure re-reads at most
 * {@link #MAX_REWIND} transactions, an export covers at most {@link #MAX_PERIOD} and {@link #MAX_EXPORT_ROWS} rows.
 */
@Singleton
public class Statements {
    /** Transactions after a past date that may be undone to find the figure at that date. */
    public static final int MAX_REWIND = 10_000;
    /** The longest period one export covers (a quarter). */
    public static final Duration MAX_PERIOD = Duration.ofDays(92);
    /** Rows of one export: with ~150 bytes a row, far below the 6 MB a Lambda answer may carry. */
    public static final int MAX_EXPORT_ROWS = 10_000;

    private final Ledger ledger;
    private final Clock clock;
    private final int maxRewind;
    private final int maxExportRows;

    @jakarta.inject.Inject
    public Statements(Ledger ledger, Clock clock) {
        this(ledger, clock, MAX_REWIND, MAX_EXPORT_ROWS);
    }

    /** With other bounds than the shipped ones (tests reach them without writing thousands of transactions). */
    public Statements(Ledger ledger, Clock clock, int maxRewind, int maxExportRows) {
        this.ledger = ledger;
        this.clock = clock;
        this.maxRewind = maxRewind;
        this.maxExportRows = maxExportRows;
    }

    /**
     * The caller's balances, one per currency it has moved money in (only {@code currency} when given), as they
     * were at {@code date} (null or later than now: now). A past figure is the current one minus every transaction
     * posted after {@code date}, read newest first from the journal's time index.
     */
    public List<Balance> balances(Caller caller, Currency currency, Instant date) {
        return balances(caller, currency, date, "date");
    }

    /** {@link #balances(Caller, Currency, Instant)}, a refusal naming {@code param} (the request's date field). */
    private List<Balance> balances(Caller caller, Currency currency, Instant date, String param) {
        Instant now = Instant.now(clock);
        Instant at = date == null || date.isAfter(now) ? now : date;
        Map<Currency, Balance> books = new EnumMap<>(Currency.class);
        for (Balance b : ledger.balances(caller.merchantId(), caller.mode())) {
            if (currency == null || b.currency() == currency) {
                books.put(b.currency(), b.at(at));
            }
        }
        if (at.isBefore(now)) {
            int undone = 0;
            // [at + 1 ms, end): what the books hold "at" a date includes what was posted at that very millisecond
            for (LedgerTransaction t : ledger.between(caller.merchantId(), caller.mode(), at.plusMillis(1), END)) {
                if (++undone > maxRewind) {
                    throw LedgerQueryException.invalid(param, "More than " + maxRewind
                            + " balance transactions were posted after this date: ask for a more recent one.");
                }
                Balance b = books.get(t.currency());
                if (b != null) {
                    books.put(t.currency(), b.without(t, at));
                }
            }
        }
        List<Balance> figures = new ArrayList<>();
        for (Balance b : books.values()) {
            if (b.transactions() > 0) {
                figures.add(b); // a currency whose first movement came after the date had no books then
            }
        }
        if (figures.isEmpty() && currency != null) {
            figures.add(Balance.empty(currency, at));
        }
        return figures;
    }

    /** One transaction of the caller's books; unknown, another merchant's or mode's: not found. */
    public LedgerTransaction transaction(Caller caller, String transactionId) {
        if (!Ids.looksLike(Ids.LEDGER_TRANSACTION, transactionId)) {
            throw LedgerQueryException.notFound(transactionId);
        }
        return ledger.find(caller.merchantId(), caller.mode(), transactionId)
                .orElseThrow(() -> LedgerQueryException.notFound(transactionId));
    }

    /** A page of the journal, newest first, after ({@code startingAfter}) or before ({@code endingBefore}) a cursor. */
    public Ledger.Page page(Caller caller, int limit, String startingAfter, String endingBefore) {
        LedgerTransaction after = startingAfter == null ? null : cursor(caller, startingAfter, "starting_after");
        LedgerTransaction before = endingBefore == null ? null : cursor(caller, endingBefore, "ending_before");
        return ledger.page(caller.merchantId(), caller.mode(), limit, after, before);
    }

    private LedgerTransaction cursor(Caller caller, String transactionId, String param) {
        try {
            return transaction(caller, transactionId);
        } catch (LedgerQueryException e) {
            throw LedgerQueryException.invalid(param, "No balance transaction " + transactionId + ".");
        }
    }

    /** A transaction of an export, with the balance (available and pending) of its currency just after it. */
    public record Row(LedgerTransaction transaction, long balanceAfter) {
    }

    /**
     * Every transaction of the caller's books created in [{@code from}, {@code to}), oldest first, each with its
     * currency's running balance (available and pending, the sum of {@code net}), starting from the figure at
     * {@code from}. Read lazily, page by page; refused beyond {@link #MAX_EXPORT_ROWS}.
     */
    public Iterable<Row> export(Caller caller, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw LedgerQueryException.invalid("to", "to must be later than from.");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw LedgerQueryException.invalid("to", "One export covers at most " + MAX_PERIOD.toDays() + " days.");
        }
        Map<Currency, Long> running = new EnumMap<>(Currency.class);
        for (Balance b : balances(caller, null, from.minusMillis(1), "from")) {
            running.put(b.currency(), Math.addExact(b.available(), b.pending()));
        }
        Iterable<LedgerTransaction> journal = ledger.between(caller.merchantId(), caller.mode(), from, to);
        return () -> new Iterator<>() {
            private final Iterator<LedgerTransaction> transactions = journal.iterator();
            private int rows;

            @Override
            public boolean hasNext() {
                return transactions.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (++rows > maxExportRows) {
                    throw LedgerQueryException.invalid("to", "The period holds more than " + maxExportRows
                            + " balance transactions: export a shorter one.");
                }
                LedgerTransaction t = transactions.next();
                long balance = running.merge(t.currency(), t.net(), Math::addExact);
                return new Row(t, balance);
            }
        };
    }

    /** Past every transaction: the journal's index sorts by the fixed-width creation time. */
    private static final Instant END = Instant.parse("9999-12-31T23:59:59.999Z");
}
