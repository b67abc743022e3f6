package io.cauri.store;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.Fee;
import io.cauri.intent.IntentStateMachine;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.ledger.Account;
import io.cauri.ledger.Balance;
import io.cauri.ledger.Entry;
import io.cauri.ledger.InsufficientFundsException;
import io.cauri.ledger.Kind;
import io.cauri.ledger.LedgerCheck;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.local.InProcessProviderEventScheduler;
import io.cauri.merchant.Mode;
import io.cauri.provider.Connectors;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.provider.ProviderEvent;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalRepositories;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger's invariants for any sequence of money movements, on the real DynamoDB engine: payments that succeed
 * through {@link PaymentOutcomes} (the path every function takes, the intent's change and its posting in one
 * DynamoDB transaction), some delivered twice as a redelivered provider event is; refunds and transfers reserving
 * money (some refused, more than is available), then settled or failed, some posted twice. After every step the
 * books pass {@link LedgerCheck} (each transaction balances, each balance is the sum of its entries and counts
 * them), no merchant account is below zero, and the balances equal a model kept here independently: a success
 * delivered twice, or a posting repeated, counts once.
 */
class LedgerPropertyTest {
    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00.000Z");
    private static final Instant END = Instant.parse("9999-12-31T23:59:59.999Z");

    private static final DynamoIntentRepository INTENTS = LocalRepositories.intents();
    private static final DynamoLedger LEDGER = new DynamoLedger(DynamoDbLocal.shared().client(), TableNames.defaults(),
            Clock.systemUTC());
    private static final PaymentOutcomes OUTCOMES = new PaymentOutcomes(INTENTS, INTENTS, Clock.systemUTC(),
            new InProcessProviderEventScheduler(), Connectors.sandboxOnly(null), Duration.ofMinutes(2),
            Duration.ofHours(1));

    /** One step of a generated history. */
    sealed interface Step {
    }

    /** A payment of {@code amount} with {@code fee} succeeds; its provider event delivered {@code deliveries} times. */
    record Pay(long amount, long fee, int deliveries) implements Step {
    }

    /** A refund or a transfer of {@code amount} is created: available to reserved (refused when not covered). */
    record Reserve(boolean refund, long amount) implements Step {
    }

    /** The reservation at {@code pick} (modulo the open ones) settles or fails; {@code twice}: its posting repeated. */
    record Close(int pick, boolean settle, boolean twice) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> pay = Combinators.combine(Arbitraries.longs().between(100, 50_000),
                Arbitraries.longs().between(0, 900), Arbitraries.integers().between(1, 2)).as(Pay::new);
        Arbitrary<Step> reserve = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.longs().between(1, 60_000)).as(Reserve::new);
        Arbitrary<Step> close = Combinators.combine(Arbitraries.integers().between(0, 20), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(Close::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, pay), net.jqwik.api.Tuple.of(3, reserve), net.jqwik.api.Tuple.of(2, close))
                .list().ofMinSize(1).ofMaxSize(14);
    }

    private record Open(LedgerTransaction reservation) {
    }

    @Property(tries = 15)
    void everyStepLeavesBalancedBooksEqualToTheSumOfTheirEntries(@ForAll("histories") List<Step> history) {
        String merchant = Ids.next("m_");
        Map<Account, Long> model = new EnumMap<>(Account.class);
        List<Open> open = new ArrayList<>();
        long transactions = 0;
        for (Step step : history) {
            if (step instanceof Pay pay) {
                PaymentIntent processing = processing(merchant, pay.amount(), pay.fee());
                String paymentId = processing.payments().get(0).id();
                for (int i = 0; i < pay.deliveries(); i++) {
                    PaymentIntent after = OUTCOMES.apply(ProviderEvent.succeeded(processing.id(), paymentId))
                            .orElseThrow();
                    assertEquals(PaymentStatus.SUCCESSFUL, after.payment(paymentId).orElseThrow().status());
                }
                add(model, Account.EXTERNAL, -(pay.amount() + pay.fee()));
                add(model, Account.AVAILABLE, pay.amount());
                add(model, Account.FEES, pay.fee());
                transactions++;
            } else if (step instanceof Reserve reserve) {
                Kind kind = reserve.refund() ? Kind.REFUND : Kind.TRANSFER;
                LedgerTransaction t = movement(merchant, kind, Ids.next(reserve.refund() ? Ids.REFUND : Ids.TRANSFER),
                        reserve.amount(), Account.AVAILABLE, Account.RESERVED);
                if (model.getOrDefault(Account.AVAILABLE, 0L) >= reserve.amount()) {
                    assertTrue(LEDGER.post(t));
                    add(model, Account.AVAILABLE, -reserve.amount());
                    add(model, Account.RESERVED, reserve.amount());
                    transactions++;
                    open.add(new Open(t));
                } else {
                    assertThrows(InsufficientFundsException.class, () -> LEDGER.post(t));
                }
            } else if (step instanceof Close close && !open.isEmpty()) {
                LedgerTransaction reservation = open.remove(close.pick() % open.size()).reservation();
                boolean refund = reservation.kind() == Kind.REFUND;
                Kind kind = close.settle()
                        ? (refund ? Kind.REFUND_SETTLEMENT : Kind.TRANSFER_SETTLEMENT)
                        : (refund ? Kind.REFUND_FAILURE : Kind.TRANSFER_FAILURE);
                LedgerTransaction t = movement(merchant, kind, reservation.sourceId(), reservation.amount(),
                        Account.RESERVED, close.settle() ? Account.EXTERNAL : Account.AVAILABLE);
                assertTrue(LEDGER.post(t));
                if (close.twice()) {
                    assertFalse(LEDGER.post(t), "the same cause posts once");
                }
                add(model, Account.RESERVED, -reservation.amount());
                add(model, close.settle() ? Account.EXTERNAL : Account.AVAILABLE, reservation.amount());
                transactions++;
            }
            verify(merchant, model, transactions);
        }
    }

    private static void verify(String merchant, Map<Account, Long> model, long transactions) {
        List<Balance> balances = LEDGER.balances(merchant, Mode.SANDBOX);
        LedgerCheck.Report report = LedgerCheck.of(LEDGER.between(merchant, Mode.SANDBOX, Instant.EPOCH, END), balances);
        assertEquals(List.of(), report.problems());
        assertEquals(transactions, report.transactions());
        Balance books = LEDGER.balance(merchant, Mode.SANDBOX, Currency.XOF);
        for (Account a : Account.values()) {
            assertEquals(model.getOrDefault(a, 0L), books.of(a), a.wire());
            if (a.merchants()) {
                assertTrue(books.of(a) >= 0, a.wire() + " below zero");
            }
        }
        assertEquals(transactions, books.transactions());
    }

    private static void add(Map<Account, Long> model, Account account, long amount) {
        model.merge(account, amount, Long::sum);
    }

    private static LedgerTransaction movement(String merchant, Kind kind, String sourceId, long amount, Account from,
                                              Account to) {
        return LedgerTransaction.of(merchant, Mode.SANDBOX, Currency.XOF, kind, sourceId, amount, 0,
                List.of(new Entry(from, -amount), new Entry(to, amount)), Instant.now());
    }

    private static PaymentIntent processing(String merchantId, long amount, long fee) {
        PaymentIntent open = INTENTS.create(PaymentIntent.open(Ids.next(Ids.INTENT), merchantId, Mode.SANDBOX, T0,
                "order-1", "customer-1", amount, Currency.XOF, null));
        List<Fee> fees = fee == 0 ? List.of() : List.of(new Fee(Ids.next(""), new BigDecimal("1.5"),
                Fee.RateType.PERCENT, fee, Currency.XOF, "Frais", List.of()));
        Payment payment = new Payment(Ids.next(Ids.PAYMENT), open.id(), T0, T0, PaymentStatus.PROCESSING, amount,
                Currency.XOF, "mobile_money", "CI", "orange", "0700000000", null, fees, null, null, null, null,
                null);
        return INTENTS.update(IntentStateMachine.attempt(open, payment, T0));
    }
}
