package io.cauri.testing;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentStateMachine;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.ledger.Account;
import io.cauri.ledger.Balance;
import io.cauri.ledger.Entry;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.ledger.Postings;
import io.cauri.local.InProcessPayoutCheckScheduler;
import io.cauri.merchant.Mode;
import io.cauri.provider.PayoutConnector;
import io.cauri.provider.PayoutConnectors;
import io.cauri.provider.ProviderCoverage;
import io.cauri.refund.Refunds;
import io.cauri.sandbox.SandboxPayoutGateway;
import io.cauri.store.DynamoIntentRepository;
import io.cauri.store.DynamoLedger;
import io.cauri.store.DynamoPaymentLocator;
import io.cauri.store.DynamoRecipientBlocklist;
import io.cauri.store.DynamoRefundRepository;
import io.cauri.store.DynamoTransferRepository;
import io.cauri.store.TableNames;
import io.cauri.transfer.Transfers;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Money out wired as the application wires it — the production services and repositories on the shared DynamoDB
 * Local, the sandbox provider, the in-process check queue (delivered by hand with {@code checks.deliverAllNow()}) —
 * and what its tests need: a merchant's money (a real payment's success posted with its intent) and the books'
 * consistency check.
 */
public final class MoneyOut {
    public static final ProviderCoverage COVERAGE = ProviderCoverage.load(JsonMapper.createDefault());

    public final DynamoDbClient dynamo = DynamoDbLocal.shared().client();
    public final DynamoIntentRepository intents = LocalRepositories.intents();
    public final DynamoLedger ledger;
    public final DynamoTransferRepository transferStore;
    public final DynamoRefundRepository refundStore;
    public final DynamoRecipientBlocklist blocklist;
    public final InProcessPayoutCheckScheduler checks = new InProcessPayoutCheckScheduler();
    public final SandboxPayoutGateway sandbox = new SandboxPayoutGateway();
    public final Transfers transfers;
    public final Refunds refunds;
    private final Clock clock;

    public MoneyOut() {
        this(Clock.systemUTC(), List.of());
    }

    public MoneyOut(Clock clock, List<PayoutConnector> live) {
        this.clock = clock;
        TableNames names = TableNames.defaults();
        ledger = new DynamoLedger(dynamo, names, clock);
        transferStore = new DynamoTransferRepository(dynamo, names);
        refundStore = new DynamoRefundRepository(dynamo, names);
        blocklist = new DynamoRecipientBlocklist(dynamo, names);
        PayoutConnectors gateways = new PayoutConnectors(sandbox, sandbox, COVERAGE, live);
        transfers = new Transfers(transferStore, gateways, checks, COVERAGE, blocklist, clock, Duration.ofMinutes(1),
                Duration.ofHours(24));
        refunds = new Refunds(refundStore, intents, new DynamoPaymentLocator(dynamo, names), gateways, checks, clock,
                Duration.ofMinutes(1), Duration.ofHours(24));
    }

    /** A merchant id no other test uses. */
    public static String merchant() {
        return Ids.next("m_");
    }

    /**
     * A successful sandbox payment of {@code amount} XOF by {@code number} in CI (orange), its success posted to the
     * merchant's books with the intent's change, as a provider's answer is applied: the merchant has the money.
     */
    public PaymentIntent paid(String merchantId, Mode mode, long amount, String number) {
        Instant now = Instant.now(clock);
        PaymentIntent open = intents.create(PaymentIntent.open(Ids.next(Ids.INTENT), merchantId, mode, now,
                "order-" + Ids.next(""), "customer-1", amount, Currency.XOF, null));
        Payment payment = new Payment(Ids.next(Ids.PAYMENT), open.id(), now, now, PaymentStatus.PROCESSING, amount,
                Currency.XOF, "mobile_money", "CI", "orange", number, null, List.of(), null, null, null, null, null);
        PaymentIntent processing = intents.updateWithNewPayment(IntentStateMachine.attempt(open, payment, now),
                payment.id());
        PaymentIntent succeeded = IntentStateMachine.succeed(processing, payment.id(), now);
        return intents.update(succeeded, Postings.of(processing, succeeded));
    }

    /** Money in the merchant's available balance, as if a payment had brought it. */
    public void fund(String merchantId, Mode mode, long amount) {
        ledger.post(LedgerTransaction.of(merchantId, mode, Currency.XOF, io.cauri.ledger.Kind.PAYMENT,
                Ids.next(Ids.PAYMENT), amount, 0,
                List.of(new Entry(Account.EXTERNAL, -amount), new Entry(Account.AVAILABLE, amount)),
                Instant.now(clock)));
    }

    public Balance balance(String merchantId, Mode mode) {
        return ledger.balance(merchantId, mode, Currency.XOF);
    }

    /**
     * The books' consistency: every transaction sums to zero (checked when read), each account's balance equals the
     * sum of its entries, the whole book sums to zero, and no merchant account is negative. Returns the journal.
     */
    public List<LedgerTransaction> assertConsistent(String merchantId, Mode mode) {
        Map<Account, Long> sums = new EnumMap<>(Account.class);
        List<LedgerTransaction> journal = new java.util.ArrayList<>();
        for (LedgerTransaction t : ledger.between(merchantId, mode, Instant.EPOCH, Instant.now(clock).plusSeconds(60))) {
            journal.add(t);
            t.effects().forEach((a, v) -> sums.merge(a, v, Math::addExact));
        }
        Balance balance = balance(merchantId, mode);
        long total = 0;
        for (Account a : Account.values()) {
            assertEquals(sums.getOrDefault(a, 0L), balance.of(a), a + " = the sum of its entries");
            total += balance.of(a);
            if (a.merchants()) {
                org.junit.jupiter.api.Assertions.assertTrue(balance.of(a) >= 0, a + " never below zero");
            }
        }
        assertEquals(0, total, "the book sums to zero");
        assertEquals(journal.size(), balance.transactions(), "one count per posted transaction");
        return journal;
    }
}
