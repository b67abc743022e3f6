package io.cauri.expireintents;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.event.EventType;
import io.cauri.event.StatusEvent;
import io.cauri.event.StatusEvents;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStateMachine;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.PaymentAttempts;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentMethod;
import io.cauri.store.TableNames;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.TestMerchants;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The expire-intents Lambda, fed the sample schedule event, against DynamoDB Local: every intent still
 * unpaid 24 h after creation is canceled with the merchant cancel's write (so its stream record becomes
 * {@code payment_intent.canceled}); paid, in-time and already-swept intents are left alone.
 */
class ExpireIntentsHandlerTest {
    static final Path SCHEDULE = Path.of("../../events/expire-intents/schedule.json");

    /** Makes the test data through the domain, as the API functions would. */
    static LocalFunction api;
    /** The function under test, configured as template.yaml configures it: the intents table, nothing else. */
    static ExpireIntentsHandler handler;
    static IntentRepository intents;
    static TestMerchants.Credentials merchant;
    static Caller server;

    @BeforeAll
    static void start() {
        api = new LocalFunction(Map.of("cauri.sandbox.payer-delay", "10m"));
        intents = api.context().getBean(IntentRepository.class);
        handler = new ExpireIntentsHandler(ApplicationContext.builder().properties(new HashMap<>(Map.of(
                "cauri.dynamodb.endpoint", LocalFunction.properties().get("cauri.dynamodb.endpoint"),
                "micronaut.server.port", -1,
                // every pending transfer is overdue here: the sweep's money-out side is exercised at once
                "cauri.payouts.sweep-window", "0s"))));
        merchant = TestMerchants.fresh();
        server = Caller.server(merchant.merchantId(), Mode.SANDBOX);
    }

    @AfterAll
    static void stop() {
        handler.close();
        api.close();
    }

    static PaymentIntent createdAt(Instant createdAt) {
        return intents.create(PaymentIntent.open(Ids.next(Ids.INTENT), merchant.merchantId(), Mode.SANDBOX,
                createdAt.truncatedTo(ChronoUnit.MILLIS), "order-" + createdAt.toEpochMilli(), "c", 1500, Currency.XOF, null));
    }

    static PaymentIntent attempted(PaymentIntent intent, String provider, String otp) {
        return api.context().getBean(PaymentAttempts.class).attempt(server, intent.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", provider, "00000001", otp, null, null), false);
    }

    static PaymentIntent stored(PaymentIntent intent) {
        return intents.find(intent.id()).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> sweep() throws Exception {
        Map<String, Object> event = new ObjectMapper().readValue(SCHEDULE.toFile(), Map.class);
        return handler.handleRequest(event, new MockLambdaContext());
    }

    /** The same intent as if created {@code age} ago (a conditional write, as any other). */
    static PaymentIntent aged(PaymentIntent i, Duration age) {
        PaymentIntent read = stored(i);
        Instant created = read.createdAt().minus(age);
        return intents.update(new PaymentIntent(read.id(), read.merchantId(), read.mode(), created, read.updatedAt(),
                read.purchaseReference(), read.customerReference(), read.status(), read.amount(), read.currency(),
                read.payments(), read.nextAction(), read.lastPaymentFailure(), read.overrideBusinessName(),
                read.version(), read.details()));
    }

    @Test
    void cancelsEveryOverdueUnpaidIntentAndOnlyThose() throws Exception {
        Duration overdueAge = PaymentIntent.UNPAID_LIFETIME.plusSeconds(5);
        PaymentIntent overdue = aged(createdAt(Instant.now()), overdueAge);
        PaymentIntent waitingForThePayer = aged(attempted(createdAt(Instant.now()), "mtn", null), overdueAge);
        PaymentIntent paid = aged(attempted(createdAt(Instant.now()), "orange", "1234"), overdueAge);
        PaymentIntent inTime = aged(createdAt(Instant.now()), Duration.ofHours(23));
        assertEquals("action_required", waitingForThePayer.status().wire());
        assertEquals("successful", paid.status().wire());

        List<String> due = intents.overdueIds(Instant.now(), 10_000);
        assertTrue(due.containsAll(List.of(overdue.id(), waitingForThePayer.id())), due.toString());
        assertFalse(due.contains(paid.id()), "a paid intent is not in the unpaid index");
        assertFalse(due.contains(inTime.id()), "an intent created 23 h ago is not due");

        List<Map<String, AttributeValue>[]> changes = new ArrayList<>();
        try (StreamPoller stream = DynamoDbLocal.shared().streamPoller(TableNames.defaults().intents(), batch -> {
            batch.getRecords().forEach(r -> changes.add(new Map[]{r.getDynamodb().getOldImage(), r.getDynamodb().getNewImage()}));
            return new StreamsEventResponse();
        }, 100)) {
            Map<String, Object> report = sweep();
            System.out.println("expire-intents report: " + report);
            assertTrue(((Number) report.get("canceled")).intValue() >= 2, report.toString());
            assertEquals(true, report.get("finished"));

            assertEquals("canceled", stored(overdue).status().wire());
            PaymentIntent canceledWhileWaiting = stored(waitingForThePayer);
            assertEquals("canceled", canceledWhileWaiting.status().wire());
            assertEquals("failed", canceledWhileWaiting.payments().get(0).status().wire());
            assertEquals("canceled", canceledWhileWaiting.payments().get(0).failure().code().wire());
            assertEquals("successful", stored(paid).status().wire());
            assertEquals("payment_required", stored(inTime).status().wire());

            // The same write as a merchant's cancel: its stream record is the canceled event of the intent.
            List<StatusEvent> events = StatusEvents.derive("sweep", waitingForThePayer, canceledWhileWaiting);
            assertTrue(events.stream().anyMatch(e -> e.type() == EventType.PAYMENT_INTENT_CANCELED), events.toString());
            long deadline = System.currentTimeMillis() + 10_000;
            while (streamChange(changes, overdue.id()) == null && System.currentTimeMillis() < deadline) {
                stream.pollOnce();
            }
            Map<String, AttributeValue>[] change = streamChange(changes, overdue.id());
            assertTrue(change != null, "the sweep's cancel of " + overdue.id() + " is on the intents stream");
            assertEquals("PAYMENT_REQUIRED", change[0].get("status").getS());
            assertEquals("CANCELED", change[1].get("status").getS());
        }

        List<String> after = intents.overdueIds(Instant.now(), 10_000);
        assertFalse(after.contains(overdue.id()) || after.contains(waitingForThePayer.id()),
                "a canceled intent leaves the unpaid index");
        Long versionAfterSweep = stored(overdue).version();
        Map<String, Object> again = sweep();
        System.out.println("expire-intents report, second run: " + again);
        assertEquals(versionAfterSweep, stored(overdue).version(), "a second sweep writes nothing to a canceled intent");
    }

    /**
     * A live payment whose payer approves at the provider (a USSD prompt) when the intent's lifetime ends: the
     * provider may still take the money, so the intent is not canceled under its feet; the settling sweep reads it
     * from its connector (absent from this function's test context: unknown, so it stays as it is).
     */
    @Test
    void neverCancelsAnIntentWhoseLivePaymentTheProviderMayStillComplete() throws Exception {
        Instant at = Instant.now().minus(PaymentIntent.UNPAID_LIFETIME).minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        PaymentIntent open = intents.create(PaymentIntent.open(Ids.next(Ids.INTENT), merchant.merchantId(), Mode.LIVE,
                at, "order-live-" + at.toEpochMilli(), "c", 1500, Currency.XOF, null));
        Payment payment = new Payment(Ids.next(Ids.PAYMENT), open.id(), at, at, PaymentStatus.PROCESSING,
                open.amount(), open.currency(), "mobile_money", "CI", "mtn", "2250500000001", null, List.of(), null, null,
                "mtn-momo", null, null);
        PaymentIntent attempted = intents.updateWithNewPayment(IntentStateMachine.attempt(open, payment, at), payment.id());
        PaymentIntent waiting = intents.update(IntentStateMachine.requireAction(attempted, payment.id(),
                new io.cauri.intent.NextAction(io.cauri.intent.NextAction.Type.USSD, "Confirmez sur votre téléphone.", null), at));
        // listed with the payments the sweep reads from their provider, never with the unpaid intents it cancels
        assertFalse(intents.overdueIds(Instant.now(), 10_000).contains(waiting.id()));
        assertTrue(intents.processingIds(Instant.now(), 10_000).contains(waiting.id()));

        Map<String, Object> report = sweep();
        assertTrue(((Number) report.get("processingFound")).intValue() >= 1, report.toString());
        System.out.println("expire-intents report with a live payment waiting at the provider: " + report);
        assertEquals("action_required", stored(waiting).status().wire());
        assertEquals(waiting.version(), stored(waiting).version(), "nothing written to it");
    }

    /**
     * An attempt stored {@code ago}, whose function died before anything else happened: the payment is
     * {@code processing}, no provider answer was written and no check was scheduled (as after a crash).
     */
    static PaymentIntent processingSince(Duration ago) {
        return processingSince(ago, "00000001");
    }

    static PaymentIntent processingSince(Duration ago, String number) {
        PaymentIntent open = createdAt(Instant.now().minus(ago).minusSeconds(1));
        Instant at = Instant.now().minus(ago).truncatedTo(ChronoUnit.MILLIS);
        Payment payment = new Payment(Ids.next(Ids.PAYMENT), open.id(), at, at, PaymentStatus.PROCESSING,
                open.amount(), open.currency(), "mobile_money", "CI", "mtn", number, null, List.of(), null, null,
                null, null, null);
        return intents.updateWithNewPayment(IntentStateMachine.attempt(open, payment, at), payment.id());
    }

    /**
     * The sweep reconciles: it asks the provider (the sandbox gateway) about each payment processing past the
     * window and applies what it says — the money taken ({@code 00000001}): successful, never a guessed failure;
     * a request the provider let expire ({@code 00000004}): {@code timeout}.
     */
    @Test
    void settlesPaymentsLeftProcessingPastTheProviderWindowAndOnlyThose() throws Exception {
        Duration window = Duration.ofMinutes(2); // cauri.payments.provider-window's default, as in template.yaml
        PaymentIntent stuck = processingSince(window.plusSeconds(30));
        PaymentIntent expired = processingSince(window.plusSeconds(30), "00000004");
        PaymentIntent inFlight = processingSince(window.minusSeconds(30));
        assertEquals("processing", stored(stuck).status().wire());

        Map<String, Object> report = sweep();
        System.out.println("expire-intents report with a stuck payment: " + report);

        PaymentIntent settled = stored(stuck);
        assertEquals("successful", settled.status().wire(), "not wedged in processing, and not failed: the provider took it");
        assertEquals("successful", settled.payments().get(0).status().wire());
        PaymentIntent timedOut = stored(expired);
        assertEquals("payment_required", timedOut.status().wire(), "not wedged in processing");
        assertEquals("failed", timedOut.payments().get(0).status().wire());
        assertEquals("timeout", timedOut.payments().get(0).failure().code().wire());
        assertEquals("timeout", timedOut.lastPaymentFailure().code().wire());
        assertEquals("processing", stored(inFlight).status().wire(), "a payment still inside its window is left alone");
        assertEquals("processing", stored(inFlight).payments().get(0).status().wire());

        Long version = settled.version();
        Long timedOutVersion = timedOut.version();
        sweep();
        assertEquals(version, stored(stuck).version(), "a second sweep writes nothing to a settled payment");
        assertEquals(timedOutVersion, stored(expired).version());
    }

    private static Map<String, AttributeValue>[] streamChange(List<Map<String, AttributeValue>[]> changes, String intentId) {
        synchronized (changes) {
            for (Map<String, AttributeValue>[] c : changes) {
                if (c[0] != null && c[1] != null && intentId.equals(c[1].get("id").getS())
                        && "CANCELED".equals(c[1].get("status").getS())) {
                    return c;
                }
            }
        }
        return null;
    }

    @Test
    void aPendingTransferWhoseChecksWereLostIsSettledByTheSweep() throws Exception {
        ApplicationContext context = handler.getApplicationContext();
        String merchantId = Ids.next("m_");
        context.getBean(io.cauri.ledger.Ledger.class).post(io.cauri.ledger.LedgerTransaction.of(merchantId,
                Mode.SANDBOX, Currency.XOF, io.cauri.ledger.Kind.PAYMENT, Ids.next(Ids.PAYMENT), 5_000, 0,
                List.of(new io.cauri.ledger.Entry(io.cauri.ledger.Account.EXTERNAL, -5_000),
                        new io.cauri.ledger.Entry(io.cauri.ledger.Account.AVAILABLE, 5_000)), Instant.now()));
        io.cauri.transfer.Transfers transfers = context.getBean(io.cauri.transfer.Transfers.class);
        // 00000004: the sandbox provider's answer is lost; its in-process check waits a minute, the sweep comes first
        io.cauri.transfer.Transfer pending = transfers.create(merchantId, Mode.SANDBOX, new io.cauri.transfer.NewTransfer(
                "r", 1_000, Currency.XOF, "payout",
                new io.cauri.transfer.Destination("mobile_money", "CI", "Awa", "0700000004", "orange")));
        assertEquals(io.cauri.transfer.TransferStatus.PENDING, pending.status());

        Map<String, Object> report = sweep();

        System.out.println("expire-intents report with a pending transfer: " + report);
        assertTrue(((Number) report.get("transfersSettled")).intValue() >= 1, report.toString());
        assertEquals(io.cauri.transfer.TransferStatus.SUCCESSFUL,
                transfers.find(merchantId, Mode.SANDBOX, pending.id()).status());
        assertEquals(0, context.getBean(io.cauri.ledger.Ledger.class).balance(merchantId, Mode.SANDBOX, Currency.XOF)
                .reserved());
    }

    /**
     * A sweep's changes are made without a request: each carries the run's own {@code sweep_…} id (docs/CONTRACT.md §5)
     * on the item it writes, which the stream publisher puts into the event ({@code Cauri-Correlation-Id}, the body's
     * {@code correlationId}) — for an intent it cancels as for a transfer it settles.
     */
    @Test
    void everyChangeOfASweepCarriesTheRunsOwnIdIntoItsEvents() throws Exception {
        PaymentIntent before = aged(createdAt(Instant.now()), PaymentIntent.UNPAID_LIFETIME.plusSeconds(5));
        ApplicationContext context = handler.getApplicationContext();
        String merchantId = Ids.next("m_");
        context.getBean(io.cauri.ledger.Ledger.class).post(io.cauri.ledger.LedgerTransaction.of(merchantId,
                Mode.SANDBOX, Currency.XOF, io.cauri.ledger.Kind.PAYMENT, Ids.next(Ids.PAYMENT), 5_000, 0,
                List.of(new io.cauri.ledger.Entry(io.cauri.ledger.Account.EXTERNAL, -5_000),
                        new io.cauri.ledger.Entry(io.cauri.ledger.Account.AVAILABLE, 5_000)), Instant.now()));
        // 00000004: the provider's answer is lost, the sweep settles it
        io.cauri.transfer.Transfer pending = context.getBean(io.cauri.transfer.Transfers.class).create(merchantId,
                Mode.SANDBOX, new io.cauri.transfer.NewTransfer("r", 1_000, Currency.XOF, "payout",
                        new io.cauri.transfer.Destination("mobile_money", "CI", "Awa", "0700000004", "orange")));

        Map<String, Object> report = sweep();
        String run = (String) report.get("correlationId");
        assertTrue(run != null && run.startsWith("sweep_"), report.toString());

        var dynamo = DynamoDbLocal.shared().client();
        var canceled = dynamo.getItem(r -> r.tableName(TableNames.defaults().intents()).consistentRead(true)
                .key(Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(before.id())))).item();
        assertEquals("CANCELED", canceled.get("status").s());
        assertEquals(run, io.cauri.store.IntentStreamImages.correlationId(canceled), "the item the sweep wrote names it");
        // what the stream publisher makes of that write (its record's new image is this item)
        List<io.cauri.event.EventEnvelope> published = new ArrayList<>();
        io.cauri.stream.IntentChangePublisher publisher = new io.cauri.stream.IntentChangePublisher(published::add,
                new io.cauri.store.DynamoDeliveryLog(dynamo, TableNames.defaults(), Duration.ofDays(1)),
                io.micronaut.serde.ObjectMapper.getDefault());
        publisher.publish(Ids.next("rec_"), before, io.cauri.store.IntentStreamImages.intent("rec", canceled),
                io.cauri.store.IntentStreamImages.correlationId(canceled));
        io.cauri.event.EventEnvelope event = published.stream()
                .filter(e -> e.type() == EventType.PAYMENT_INTENT_CANCELED).findFirst().orElseThrow();
        assertEquals(run, event.correlationId());
        assertEquals(run, new ObjectMapper().readTree(event.body()).get("correlationId").asText());

        var settled = dynamo.getItem(r -> r.tableName(TableNames.defaults().ledger()).consistentRead(true)
                .key(io.cauri.store.MoneyOutItems.key(merchantId, Mode.SANDBOX, io.cauri.store.MoneyOutItems.TRANSFER,
                        pending.id()))).item();
        assertEquals("successful", settled.get("status").s(), settled.toString());
        assertEquals(run, io.cauri.store.LedgerStreamImages.correlationId(settled));
    }
}
