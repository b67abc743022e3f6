package io.cauri.transfer;

import io.cauri.intent.Currency;
import io.cauri.ledger.Balance;
import io.cauri.ledger.InsufficientFundsException;
import io.cauri.ledger.Kind;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;
import io.cauri.provider.PayoutAnswer;
import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;
import io.cauri.testing.MoneyOut;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transfers on the real DynamoDB engine and the sandbox provider: the reservation, the outcomes, the races. */
class TransfersTest {
    private final MoneyOut money = new MoneyOut();

    private static NewTransfer to(String msisdn, long amount) {
        return new NewTransfer("ref-" + amount, amount, Currency.XOF, "Payout",
                new Destination(Destination.MOBILE_MONEY, "CI", "Awa Koné", msisdn, "orange"));
    }

    private static List<Kind> kinds(List<LedgerTransaction> journal) {
        return journal.stream().map(LedgerTransaction::kind).toList();
    }

    @Test
    void fiftyConcurrentTransfersAgainstABalanceCoveringTenMakeExactlyTen() throws Exception {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 10 * 1_000);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                Balance b = money.balance(merchant, Mode.SANDBOX);
                lowest.accumulateAndGet(Math.min(b.available(), b.reserved()), Math::min);
            }
        });
        watcher.start();
        List<Future<Transfer>> results = new ArrayList<>();
        ConcurrentLinkedQueue<RuntimeException> refused = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return money.transfers.create(merchant, Mode.SANDBOX, to("0700000001", 1_000));
                } catch (RuntimeException e) {
                    refused.add(e);
                    return null;
                }
            }));
        }
        start.countDown();
        List<Transfer> created = new ArrayList<>();
        for (Future<Transfer> f : results) {
            Transfer t = f.get(120, TimeUnit.SECONDS);
            if (t != null) {
                created.add(t);
            }
        }
        pool.shutdown();
        done.set(true);
        watcher.join();

        assertEquals(10, created.size(), "exactly the ten the balance covers");
        assertEquals(40, refused.size());
        refused.forEach(e -> assertTrue(e instanceof InsufficientFundsException, "refused for the balance: " + e));
        created.forEach(t -> assertEquals(TransferStatus.SUCCESSFUL, t.status()));
        assertTrue(lowest.get() >= 0, "no account went below zero: " + lowest.get());
        Balance after = money.balance(merchant, Mode.SANDBOX);
        assertEquals(0, after.available());
        assertEquals(0, after.reserved());
        List<LedgerTransaction> journal = money.assertConsistent(merchant, Mode.SANDBOX);
        assertEquals(21, journal.size(), "the funding, then a reservation and a settlement per transfer");
        assertEquals(10, money.transfers.list(new TransferRepository.Query(merchant, Mode.SANDBOX, Instant.EPOCH,
                Instant.now().plusSeconds(60), null, null, 1, 100)).total(), "only the ten were stored");
    }

    @Test
    void aProviderFailureReturnsTheReservedFunds() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 5_000);

        Transfer failed = money.transfers.create(merchant, Mode.SANDBOX, to("0700000005", 2_000));

        assertEquals(TransferStatus.FAILED, failed.status());
        assertEquals("service_unavailable", failed.failureCode());
        assertNotNull(failed.failureMessage());
        Balance b = money.balance(merchant, Mode.SANDBOX);
        assertEquals(5_000, b.available(), "the reserved amount came back");
        assertEquals(0, b.reserved());
        assertEquals(List.of(Kind.PAYMENT, Kind.TRANSFER, Kind.TRANSFER_FAILURE),
                kinds(money.assertConsistent(merchant, Mode.SANDBOX)));
        assertEquals(failed, money.transfers.find(merchant, Mode.SANDBOX, failed.id()));
    }

    @Test
    void aProviderTimeoutLeavesItPendingAndReconciliationSettlesIt() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 5_000);

        Transfer pending = money.transfers.create(merchant, Mode.SANDBOX, to("0700000004", 2_000));

        assertEquals(TransferStatus.PENDING, pending.status(), "no answer: never failed on a guess");
        Balance held = money.balance(merchant, Mode.SANDBOX);
        assertEquals(3_000, held.available());
        assertEquals(2_000, held.reserved());
        assertTrue(money.checks.pendingCount() >= 1, "its check was scheduled");

        money.checks.deliverAllNow();

        Transfer settled = money.transfers.find(merchant, Mode.SANDBOX, pending.id());
        assertEquals(TransferStatus.SUCCESSFUL, settled.status());
        Balance after = money.balance(merchant, Mode.SANDBOX);
        assertEquals(3_000, after.available());
        assertEquals(0, after.reserved());
        assertEquals(List.of(Kind.PAYMENT, Kind.TRANSFER, Kind.TRANSFER_SETTLEMENT),
                kinds(money.assertConsistent(merchant, Mode.SANDBOX)));
    }

    @Test
    void anAnswerThatCannotBeRecordedLeavesTheTransferPendingNeverAnErrorThatInvitesASecondOne() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 5_000);
        // the provider pays it, then the write of its success fails (storage gone for that call)
        io.cauri.testing.FaultInjector.before(r -> r instanceof software.amazon.awssdk.services.dynamodb.model
                        .TransactWriteItemsRequest t && t.toString().contains("successful"),
                () -> {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create("injected: storage gone");
                });
        Transfer answered;
        try {
            answered = money.transfers.create(merchant, Mode.SANDBOX, to("0700000001", 2_000));
        } finally {
            io.cauri.testing.FaultInjector.disarm();
        }

        assertEquals(TransferStatus.PENDING, answered.status(), "stored and sent: pending, not an error");
        assertEquals(2_000, money.balance(merchant, Mode.SANDBOX).reserved());
        money.checks.deliverAllNow();
        assertEquals(TransferStatus.SUCCESSFUL, money.transfers.find(merchant, Mode.SANDBOX, answered.id()).status(),
                "its check records the provider's answer");
        assertEquals(List.of(Kind.PAYMENT, Kind.TRANSFER, Kind.TRANSFER_SETTLEMENT),
                kinds(money.assertConsistent(merchant, Mode.SANDBOX)));
    }

    @Test
    void aCreationWhoseAnswerIsLostIsSettledByTheSameTransactionNeverAnswered503() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 5_000);
        // the answer of the creating transaction is lost before it reached storage: nothing stored yet
        io.cauri.testing.FaultInjector.before(r -> r instanceof software.amazon.awssdk.services.dynamodb.model
                        .TransactWriteItemsRequest t && t.toString().contains("pending"),
                () -> {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create("injected: answer lost");
                });
        Transfer created;
        try {
            created = money.transfers.create(merchant, Mode.SANDBOX, to("0700000001", 2_000));
        } finally {
            io.cauri.testing.FaultInjector.disarm();
        }

        assertEquals(TransferStatus.SUCCESSFUL, created.status(), "stored by the same transaction, then paid");
        assertEquals(3_000, money.balance(merchant, Mode.SANDBOX).available(), "reserved once");
        money.assertConsistent(merchant, Mode.SANDBOX);
    }

    @Test
    void aTransferTheProviderNeverDecidesStaysPendingAndIsCheckedAgain() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 5_000);
        Transfer pending = money.transfers.create(merchant, Mode.SANDBOX, to("0700000006", 1_000));
        assertEquals(TransferStatus.PENDING, pending.status());

        money.checks.deliverAllNow();

        assertEquals(TransferStatus.PENDING, money.transfers.find(merchant, Mode.SANDBOX, pending.id()).status());
        assertTrue(money.checks.pendingCount() >= 1, "the next check is scheduled");
        assertEquals(1_000, money.balance(merchant, Mode.SANDBOX).reserved());
    }

    @Test
    void theSweepSettlesAPendingTransferWhoseChecksWereLost() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 5_000);
        Transfer pending = money.transfers.create(merchant, Mode.SANDBOX, to("0700000004", 1_000));
        money.checks.close(); // its check is lost

        money.transfers.settleOverdue(java.time.Duration.ofHours(1), 1_000, null);
        assertEquals(TransferStatus.PENDING, money.transfers.find(merchant, Mode.SANDBOX, pending.id()).status(),
                "not yet overdue");

        Transfers.Sweep sweep = money.transfers.settleOverdue(java.time.Duration.ZERO, 1_000, null);

        assertTrue(sweep.found() >= 1 && sweep.settled() >= 1, sweep.toString());
        assertEquals(TransferStatus.SUCCESSFUL, money.transfers.find(merchant, Mode.SANDBOX, pending.id()).status());
        assertEquals(List.of(Kind.PAYMENT, Kind.TRANSFER, Kind.TRANSFER_SETTLEMENT),
                kinds(money.assertConsistent(merchant, Mode.SANDBOX)));
        assertTrue(money.transferStore.pending(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(1), 1_000).stream()
                .noneMatch(c -> c.id().equals(pending.id())), "a settled transfer leaves the sweep's index");
    }

    @Test
    void aSuccessAppliedTwicePostsOnce() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 5_000);
        Transfer pending = money.transfers.create(merchant, Mode.SANDBOX, to("0700000004", 1_000));

        Transfer once = money.transfers.apply(pending, new PayoutAnswer.Succeeded("p-1"));
        Transfer twice = money.transfers.apply(pending, new PayoutAnswer.Succeeded("p-1"));
        money.checks.deliverAllNow();

        assertEquals(TransferStatus.SUCCESSFUL, once.status());
        assertEquals(once, twice, "the second sees the first's outcome");
        assertEquals(List.of(Kind.PAYMENT, Kind.TRANSFER, Kind.TRANSFER_SETTLEMENT),
                kinds(money.assertConsistent(merchant, Mode.SANDBOX)));
        assertEquals(4_000, money.balance(merchant, Mode.SANDBOX).available());
    }

    @Test
    void aFailureAfterASuccessChangesNothing() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 5_000);
        Transfer paid = money.transfers.create(merchant, Mode.SANDBOX, to("0700000001", 1_000));

        Transfer after = money.transfers.apply(paid, new PayoutAnswer.Failed("p", "timeout", "late"));

        assertEquals(TransferStatus.SUCCESSFUL, after.status());
        assertEquals(4_000, money.balance(merchant, Mode.SANDBOX).available());
        money.assertConsistent(merchant, Mode.SANDBOX);
    }

    @Test
    void moreThanTheAvailableBalanceIsRefusedAndNothingIsStored() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 1_000);

        RefusalException e = assertThrows(InsufficientFundsException.class,
                () -> money.transfers.create(merchant, Mode.SANDBOX, to("0700000001", 1_005)));

        assertEquals(Refusal.BALANCE_INSUFFICIENT, e.refusal());
        assertEquals("amount", e.param());
        assertEquals(0, money.transfers.page(merchant, Mode.SANDBOX, 10, null, null).items().size());
        assertEquals(1, money.assertConsistent(merchant, Mode.SANDBOX).size());
        assertEquals(0, money.checks.deliverAllNow() == 0 ? 0 : money.transfers
                .page(merchant, Mode.SANDBOX, 10, null, null).items().size(), "its check finds nothing to do");
    }

    @Test
    void theRouteTheCurrencyAndTheLimitsAreTheDomains() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 1_000_000);
        Destination benin = new Destination(Destination.MOBILE_MONEY, "BJ", "Awa", "0700000001", "mtn");
        assertEquals(Refusal.INVALID_PAYMENT_PROCESSOR, refusal(() -> money.transfers.create(merchant, Mode.SANDBOX,
                new NewTransfer("r", 1_000, Currency.XOF, "d", benin))));
        assertEquals(Refusal.UNSUPPORTED_CURRENCY, refusal(() -> money.transfers.create(merchant, Mode.SANDBOX,
                new NewTransfer("r", 1_000, Currency.XAF, "d", to("0700000001", 1_000).destination()))));
        // Orange CI pays out 200 to 1 500 000 in multiples of 5
        assertEquals(Refusal.INVALID_PARAMETER, refusal(() -> money.transfers.create(merchant, Mode.SANDBOX,
                to("0700000001", 1_002))));
        assertEquals(Refusal.INVALID_PARAMETER, refusal(() -> money.transfers.create(merchant, Mode.SANDBOX,
                to("0700000001", 195))));
        assertEquals(Refusal.INVALID_PARAMETER, refusal(() -> money.transfers.create(merchant, Mode.SANDBOX,
                to("0700000001", 1_500_005))));
        assertEquals(TransferStatus.SUCCESSFUL,
                money.transfers.create(merchant, Mode.SANDBOX, to("0700000001", 200)).status());
    }

    @Test
    void liveTransfersWithoutALiveConnectorAreRefused() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.LIVE, 10_000);

        assertEquals(Refusal.INVALID_PAYMENT_PROCESSOR,
                refusal(() -> money.transfers.create(merchant, Mode.LIVE, to("0700000001", 1_000))));
        assertEquals(10_000, money.balance(merchant, Mode.LIVE).available());
    }

    @Test
    void anotherMerchantsOrModesTransferIsNotFoundAndBalancesAreSeparate() {
        String merchant = MoneyOut.merchant();
        String other = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 5_000);
        money.fund(other, Mode.SANDBOX, 7_000);
        Transfer mine = money.transfers.create(merchant, Mode.SANDBOX, to("0700000001", 1_000));

        assertEquals(Refusal.NOT_FOUND, refusal(() -> money.transfers.find(other, Mode.SANDBOX, mine.id())));
        assertEquals(Refusal.NOT_FOUND, refusal(() -> money.transfers.find(merchant, Mode.LIVE, mine.id())));
        assertEquals(Refusal.NOT_FOUND, refusal(() -> money.transfers.find(merchant, Mode.SANDBOX, "tr_unknown")));
        assertEquals(Refusal.NOT_FOUND, refusal(() -> money.transfers.page(other, Mode.SANDBOX, 10, mine.id(), null)));
        assertEquals(0, money.transfers.page(other, Mode.SANDBOX, 10, null, null).items().size());
        assertEquals(4_000, money.balance(merchant, Mode.SANDBOX).available());
        assertEquals(7_000, money.balance(other, Mode.SANDBOX).available());
        assertEquals(0, money.balance(merchant, Mode.LIVE).available());
    }

    @Test
    void aNumberIsBlockedAfterFiveFailuresForThatMerchantAndModeOnly() {
        String merchant = MoneyOut.merchant();
        String other = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 100_000);
        money.fund(other, Mode.SANDBOX, 100_000);
        for (int i = 0; i < Transfers.BLOCK_AFTER; i++) {
            assertEquals(TransferStatus.FAILED,
                    money.transfers.create(merchant, Mode.SANDBOX, to("0700000002", 1_000)).status());
        }

        RefusalException e = assertThrows(RefusalException.class,
                () -> money.transfers.create(merchant, Mode.SANDBOX, to("0700000002", 1_000)));

        assertEquals(Refusal.BLACKLISTED_MSISDN, e.refusal());
        assertEquals("destination.msisdn", e.param());
        assertEquals(100_000, money.balance(merchant, Mode.SANDBOX).available(), "nothing reserved");
        assertEquals(TransferStatus.SUCCESSFUL,
                money.transfers.create(merchant, Mode.SANDBOX, to("0700000001", 1_000)).status(),
                "other numbers are not blocked");
        assertEquals(TransferStatus.FAILED,
                money.transfers.create(other, Mode.SANDBOX, to("0700000002", 1_000)).status(),
                "another merchant may still send to it");
        assertFalse(money.blocklist.blocked(merchant, Mode.LIVE, "0700000002", Instant.now()));
        assertTrue(money.blocklist.blocked(merchant, Mode.SANDBOX, "0700000002",
                Instant.now().plus(Transfers.BLOCK_FOR).minusSeconds(60)));
        assertFalse(money.blocklist.blocked(merchant, Mode.SANDBOX, "0700000002",
                Instant.now().plus(Transfers.BLOCK_FOR).plusSeconds(60)), "unblocked after the block");
    }

    @Test
    void failuresTheNumberDidNotCauseNeverBlockIt() {
        // 00000005: the provider is unavailable (as when Cauri's float runs short or a connector's settings are
        // missing): nothing about the number, which must stay open however often that happens
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 100_000);
        for (int i = 0; i < Transfers.BLOCK_AFTER + 1; i++) {
            Transfer failed = money.transfers.create(merchant, Mode.SANDBOX, to("0700000005", 1_000));
            assertEquals(TransferStatus.FAILED, failed.status());
            assertEquals("service_unavailable", failed.failureCode());
        }
        assertFalse(money.blocklist.blocked(merchant, Mode.SANDBOX, "0700000005", Instant.now()));
        assertEquals(TransferStatus.FAILED,
                money.transfers.create(merchant, Mode.SANDBOX, to("0700000005", 1_000)).status(),
                "still sent, not refused blacklisted_msisdn");
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        String merchant = MoneyOut.merchant();
        Instant t0 = Instant.parse("2026-12-06T08:00:00Z");
        for (int i = 0; i < Transfers.BLOCK_AFTER - 1; i++) {
            money.blocklist.failed(merchant, Mode.SANDBOX, "0700000005", "tr_a" + i, t0);
        }
        Instant later = t0.plus(Transfers.FAILURE_WINDOW).plusSeconds(1);
        money.blocklist.failed(merchant, Mode.SANDBOX, "0700000005", "tr_b", later);
        assertFalse(money.blocklist.blocked(merchant, Mode.SANDBOX, "0700000005", later));
        // the same failure counted twice (an answer applied again) counts once
        for (int i = 0; i < 4; i++) {
            money.blocklist.failed(merchant, Mode.SANDBOX, "0700000005", "tr_b", later);
        }
        assertFalse(money.blocklist.blocked(merchant, Mode.SANDBOX, "0700000005", later));
    }

    @Test
    void listsPageNewestFirstWithFiltersAndTotals() {
        String merchant = MoneyOut.merchant();
        money.fund(merchant, Mode.SANDBOX, 100_000);
        List<Transfer> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(money.transfers.create(merchant, Mode.SANDBOX,
                    new NewTransfer("batch-" + (i % 2), 1_000, Currency.XOF, "d", to("0700000001", 1_000).destination())));
        }
        made.add(money.transfers.create(merchant, Mode.SANDBOX, to("0700000005", 1_000)));
        Instant from = Instant.EPOCH;
        Instant to = Instant.now().plusSeconds(60);

        TransferRepository.Page all = money.transfers.list(
                new TransferRepository.Query(merchant, Mode.SANDBOX, from, to, null, null, 2, 4));
        assertEquals(6, all.total());
        assertEquals(List.of(made.get(1).id(), made.get(0).id()), all.items().stream().map(Transfer::id).toList());
        assertEquals(3, money.transfers.list(new TransferRepository.Query(merchant, Mode.SANDBOX, from, to,
                "batch-0", null, 1, 10)).total());
        assertEquals(List.of(made.get(5).id()), money.transfers.list(new TransferRepository.Query(merchant,
                Mode.SANDBOX, from, to, null, TransferStatus.FAILED, 1, 10)).items().stream().map(Transfer::id).toList());

        TransferRepository.CursorPage first = money.transfers.page(merchant, Mode.SANDBOX, 4, null, null);
        assertTrue(first.hasMore());
        assertEquals(List.of(made.get(5).id(), made.get(4).id(), made.get(3).id(), made.get(2).id()),
                first.items().stream().map(Transfer::id).toList());
        TransferRepository.CursorPage second = money.transfers.page(merchant, Mode.SANDBOX, 4, made.get(2).id(), null);
        assertFalse(second.hasMore());
        assertEquals(List.of(made.get(1).id(), made.get(0).id()), second.items().stream().map(Transfer::id).toList());
        TransferRepository.CursorPage back = money.transfers.page(merchant, Mode.SANDBOX, 2, null, made.get(1).id());
        assertTrue(back.hasMore());
        assertEquals(List.of(made.get(3).id(), made.get(2).id()), back.items().stream().map(Transfer::id).toList());
    }

    private static Refusal refusal(Runnable call) {
        return assertThrows(RefusalException.class, call::run).refusal();
    }
}
