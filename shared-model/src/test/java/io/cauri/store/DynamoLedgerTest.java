package io.cauri.store;

import io.cauri.id.Ids;
import io.cauri.intent.ConcurrentChangeException;
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
import io.cauri.ledger.LedgerTransaction;
import io.cauri.ledger.Postings;
import io.cauri.merchant.Mode;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalRepositories;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger on the real DynamoDB engine: a payment's success posts with the intent's change, once. */
class DynamoLedgerTest {
    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00.000Z");

    private final DynamoIntentRepository intents = LocalRepositories.intents();
    private final DynamoLedger ledger = new DynamoLedger(DynamoDbLocal.shared().client(), TableNames.defaults(),
            Clock.systemUTC());

    private PaymentIntent processing(String merchantId, long amount, long fee) {
        PaymentIntent open = intents.create(PaymentIntent.open(Ids.next(Ids.INTENT), merchantId, Mode.SANDBOX, T0,
                "order-1", "customer-1", amount, Currency.XOF, null));
        Fee f = new Fee(Ids.next(""), new BigDecimal("1.5"), Fee.RateType.PERCENT, fee, Currency.XOF, "Frais",
                List.of());
        Payment payment = new Payment(Ids.next(Ids.PAYMENT), open.id(), T0, T0, PaymentStatus.PROCESSING, amount,
                Currency.XOF, "mobile_money", "CI", "orange", "0700000000", null, List.of(f), null, null, null, null,
                null);
        return intents.update(IntentStateMachine.attempt(open, payment, T0));
    }

    @Test
    void aPaymentThatSucceedsPostsItsAmountAndFeesWithTheChangeOnce() {
        String merchant = Ids.next("m_");
        PaymentIntent before = processing(merchant, 10_000, 150);
        PaymentIntent after = IntentStateMachine.succeed(before, before.payments().get(0).id(), T0.plusSeconds(5));

        List<LedgerTransaction> postings = Postings.of(before, after);
        assertEquals(1, postings.size());
        intents.update(after, postings);

        Balance books = ledger.balance(merchant, Mode.SANDBOX, Currency.XOF);
        assertEquals(10_000, books.available());
        assertEquals(150, books.of(Account.FEES));
        assertEquals(-10_150, books.of(Account.EXTERNAL));
        assertEquals(1, books.transactions());
        assertEquals(0, ledger.balance(merchant, Mode.LIVE, Currency.XOF).available(), "the other mode's books");

        // the same success applied again from the same read: the version refuses it, nothing posts twice
        assertThrows(ConcurrentChangeException.class, () -> intents.update(after, postings));
        assertEquals(10_000, ledger.balance(merchant, Mode.SANDBOX, Currency.XOF).available());
        // and posted on its own, the transaction is known by its cause
        assertFalse(ledger.post(postings.get(0)));
        assertEquals(1, ledger.balance(merchant, Mode.SANDBOX, Currency.XOF).transactions());
        assertEquals(postings.get(0), ledger.find(merchant, Mode.SANDBOX, postings.get(0).id()).orElseThrow());
    }

    @Test
    void concurrentSuccessesOfOneMerchantAllPostAndTheBooksAddUp() throws Exception {
        String merchant = Ids.next("m_");
        int n = 16;
        List<PaymentIntent> started = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            started.add(processing(merchant, 1_000 + i, 10));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (PaymentIntent intent : started) {
                done.add(pool.submit(() -> {
                    // what PaymentOutcomes.change does: re-read and try again after a lost race
                    PaymentIntent current = intent;
                    for (int attempt = 0; ; attempt++) {
                        PaymentIntent next = IntentStateMachine.succeed(current, current.payments().get(0).id(), T0);
                        try {
                            return intents.update(next, Postings.of(current, next));
                        } catch (ConcurrentChangeException lost) {
                            if (attempt == 50) {
                                throw lost;
                            }
                            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 20));
                            current = intents.find(intent.id()).orElseThrow();
                        }
                    }
                }));
            }
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long expected = 0;
        for (int i = 0; i < n; i++) {
            expected += 1_000 + i;
        }
        Balance books = ledger.balance(merchant, Mode.SANDBOX, Currency.XOF);
        assertEquals(expected, books.available());
        assertEquals(10L * n, books.of(Account.FEES));
        assertEquals(n, books.transactions());
        long sum = 0;
        for (Account a : Account.values()) {
            sum += books.of(a);
        }
        assertEquals(0, sum, "the accounts of a book sum to zero");
    }

    @Test
    void aMovementLargerThanTheAvailableMoneyIsRefusedAndWritesNothing() {
        String merchant = Ids.next("m_");
        PaymentIntent before = processing(merchant, 5_000, 0);
        intents.update(IntentStateMachine.succeed(before, before.payments().get(0).id(), T0),
                Postings.of(before, IntentStateMachine.succeed(before, before.payments().get(0).id(), T0)));

        LedgerTransaction tooMuch = LedgerTransaction.of(merchant, Mode.SANDBOX, Currency.XOF, Kind.TRANSFER,
                Ids.next(Ids.TRANSFER), 5_001, 0,
                List.of(new Entry(Account.AVAILABLE, -5_001), new Entry(Account.RESERVED, 5_001)), T0.plusSeconds(1));
        assertThrows(InsufficientFundsException.class, () -> ledger.post(tooMuch));
        assertTrue(ledger.find(merchant, Mode.SANDBOX, tooMuch.id()).isEmpty());

        LedgerTransaction all = LedgerTransaction.of(merchant, Mode.SANDBOX, Currency.XOF, Kind.TRANSFER,
                Ids.next(Ids.TRANSFER), 5_000, 0,
                List.of(new Entry(Account.AVAILABLE, -5_000), new Entry(Account.RESERVED, 5_000)), T0.plusSeconds(2));
        assertTrue(ledger.post(all));
        Balance books = ledger.balance(merchant, Mode.SANDBOX, Currency.XOF);
        assertEquals(0, books.available());
        assertEquals(5_000, books.reserved());
        assertEquals(2, ledger.page(merchant, Mode.SANDBOX, 10, null, null).items().size());
    }
}
