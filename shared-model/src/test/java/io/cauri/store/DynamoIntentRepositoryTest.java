package io.cauri.store;

import io.cauri.id.Ids;
import io.cauri.intent.ConcurrentChangeException;
import io.cauri.intent.Currency;
import io.cauri.intent.Failure;
import io.cauri.intent.FailureCode;
import io.cauri.intent.Fee;
import io.cauri.intent.IntentRepository.Page;
import io.cauri.intent.IntentRepository.Query;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalRepositories;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real repository on the real DynamoDB engine; each test uses merchants nobody else uses. */
class DynamoIntentRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:15:30.000Z");

    private final DynamoIntentRepository repository = LocalRepositories.intents();

    // ---- fixtures ----

    private static PaymentIntent open(String merchantId, Mode mode, Instant createdAt, String purchaseReference,
                                      String customerReference) {
        return PaymentIntent.open(Ids.next(Ids.INTENT), merchantId, mode, createdAt, purchaseReference,
                customerReference, 1_000, Currency.XOF, null);
    }

    private static PaymentIntent open(String merchantId, Instant createdAt) {
        return open(merchantId, Mode.SANDBOX, createdAt, "order-" + createdAt.toEpochMilli(), "customer-1");
    }

    /** An intent using every field and every nested shape the table schema knows. */
    private static PaymentIntent everything(String merchantId) {
        String intentId = Ids.next(Ids.INTENT);
        Failure declined = new Failure(FailureCode.CUSTOMER_INSUFFICIENT_FUNDS, "Solde insuffisant.",
                List.of("msisdn", "amount"));
        Fee percent = new Fee(Ids.next(""), new BigDecimal("1.5"), Fee.RateType.PERCENT, 75, Currency.XOF,
                "Frais de service", List.of("TVA 18%", "TAF"));
        Fee flat = new Fee(Ids.next(""), new BigDecimal("100"), Fee.RateType.FLAT, 100, Currency.XOF, "Forfait",
                List.of());
        NextAction redirect = new NextAction(NextAction.Type.REDIRECTION, "Confirm on your bank's page.",
                new NextAction.Data("https://pay.example/3ds?session=abc", "POST",
                        Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Session", "s-1"),
                        Map.of("PaReq", "eJzVWNmO2zgW", "MD", "42", "TermUrl", "https://api.example/back")));
        Payment failed = new Payment(Ids.next(Ids.PAYMENT), intentId, T0.plusSeconds(1), T0.plusSeconds(2),
                PaymentStatus.FAILED, 5_000, Currency.XOF, "mobile_money", "CI", "orange", "0700000002", declined,
                List.of(percent, flat), null, "OM-123456", "gw-ci-orange", "https://shop.example/ok",
                "https://shop.example/ko");
        Payment waiting = new Payment(Ids.next(Ids.PAYMENT), intentId, T0.plusSeconds(3), T0.plusSeconds(4),
                PaymentStatus.ACTION_REQUIRED, 5_000, Currency.XOF, "credit_card", "SN", "visa", "424242******4242",
                null, List.of(percent), redirect, null, null, null, null);
        return new PaymentIntent(intentId, merchantId, Mode.LIVE, T0, T0.plusSeconds(4), "Commande 42.A_b-c",
                "client 7", IntentStatus.ACTION_REQUIRED, 5_000, Currency.XOF, List.of(failed, waiting), redirect,
                declined, "Boutique Élysée — Abidjan", null, null);
    }

    private static PaymentIntent withVersion(PaymentIntent i, Long version) {
        return new PaymentIntent(i.id(), i.merchantId(), i.mode(), i.createdAt(), i.updatedAt(),
                i.purchaseReference(), i.customerReference(), i.status(), i.amount(), i.currency(), i.payments(),
                i.nextAction(), i.lastPaymentFailure(), i.overrideBusinessName(), version, null);
    }

    /** The same intent with another business name and updatedAt: a change any update could make. */
    private static PaymentIntent renamed(PaymentIntent i, String name, Instant at) {
        return new PaymentIntent(i.id(), i.merchantId(), i.mode(), i.createdAt(), at, i.purchaseReference(),
                i.customerReference(), i.status(), i.amount(), i.currency(), i.payments(), i.nextAction(),
                i.lastPaymentFailure(), name, i.version(), null);
    }

    private static Map<String, AttributeValue> rawItem(String intentId) {
        return DynamoDbLocal.shared().client().getItem(r -> r.tableName(TableNames.defaults().intents())
                .key(Map.of("id", AttributeValue.fromS(intentId))).consistentRead(true)).item();
    }

    private Page list(String merchantId, Mode mode, Instant from, Instant to, String customer, String purchase,
                      int page, int perPage) {
        return repository.list(new Query(merchantId, mode, from, to, customer, purchase, page, perPage));
    }

    private Page listAll(String merchantId, Mode mode) {
        return list(merchantId, mode, T0.minusSeconds(86_400), T0.plusSeconds(86_400), null, null, 1, 100);
    }

    private static List<String> ids(Page page) {
        return page.items().stream().map(PaymentIntent::id).toList();
    }

    private static List<String> ids(PaymentIntent... intents) {
        return java.util.Arrays.stream(intents).map(PaymentIntent::id).toList();
    }

    // ---- create and find ----

    @Test
    void createSetsVersionOneAndEveryFieldRoundTrips() {
        PaymentIntent intent = everything(Ids.next("m_"));

        PaymentIntent created = repository.create(intent);

        assertEquals(withVersion(intent, 1L), created);
        assertEquals(Optional.of(created), repository.find(intent.id()));
        // spot checks of the nested values whose equality is easiest to get wrong
        PaymentIntent found = repository.find(intent.id()).orElseThrow();
        assertEquals(new BigDecimal("1.5"), found.payments().get(0).fees().get(0).rate());
        assertEquals(Map.of("PaReq", "eJzVWNmO2zgW", "MD", "42", "TermUrl", "https://api.example/back"),
                found.nextAction().data().data());
        assertEquals(List.of("msisdn", "amount"), found.lastPaymentFailure().params());
    }

    @Test
    void aBareNewIntentRoundTripsWithItsNullsAndEmptyPayments() {
        PaymentIntent intent = open(Ids.next("m_"), T0);

        PaymentIntent created = repository.create(intent);

        PaymentIntent found = repository.find(intent.id()).orElseThrow();
        assertEquals(created, found);
        assertEquals(List.of(), found.payments());
        assertNull(found.nextAction());
        assertNull(found.lastPaymentFailure());
        assertNull(found.overrideBusinessName());
    }

    @Test
    void theStoredItemHasFixedWidthTimesAndTheIndexKey() {
        PaymentIntent intent = everything(Ids.next("m_"));
        repository.create(intent);

        Map<String, AttributeValue> item = rawItem(intent.id());

        assertEquals("2026-11-21T10:15:30.000Z", item.get("createdAt").s(), "zero millis still written");
        assertEquals("2026-11-21T10:15:34.000Z", item.get("updatedAt").s());
        assertEquals(intent.merchantId() + "#LIVE", item.get("merchantMode").s());
        assertEquals("1", item.get("version").n());
        assertEquals("1.5", item.get("payments").l().get(0).m().get("fees").l().get(0).m().get("rate").n());
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertEquals(Optional.empty(), repository.find(Ids.next(Ids.INTENT)));
    }

    @Test
    void createNeverOverwritesAnExistingIntent() {
        PaymentIntent first = repository.create(open(Ids.next("m_"), T0));
        PaymentIntent sameId = withVersion(renamed(first, "Impostor", T0.plusSeconds(9)), null);

        assertThrows(IllegalStateException.class, () -> repository.create(sameId));

        assertEquals(Optional.of(first), repository.find(first.id()));
    }

    @Test
    void createRefusesAnIntentThatAlreadyHasAVersion() {
        PaymentIntent versioned = withVersion(open(Ids.next("m_"), T0), 3L);

        assertThrows(IllegalArgumentException.class, () -> repository.create(versioned));
        assertEquals(Optional.empty(), repository.find(versioned.id()));
    }

    // ---- update ----

    @Test
    void updateStoresTheChangeAndBumpsTheVersion() {
        PaymentIntent v1 = repository.create(everything(Ids.next("m_")));

        PaymentIntent v2 = repository.update(renamed(v1, "New name", T0.plusSeconds(60)));
        PaymentIntent v3 = repository.update(renamed(v2, "Newer name", T0.plusSeconds(61)));

        assertEquals(2L, v2.version());
        assertEquals(3L, v3.version());
        assertEquals(Optional.of(v3), repository.find(v1.id()));
    }

    @Test
    void anUpdateFromAStaleReadIsRefusedAndChangesNothing() {
        PaymentIntent v1 = repository.create(open(Ids.next("m_"), T0));
        PaymentIntent v2 = repository.update(renamed(v1, "First writer", T0.plusSeconds(1)));

        assertThrows(ConcurrentChangeException.class,
                () -> repository.update(renamed(v1, "Second writer, stale", T0.plusSeconds(2))));

        assertEquals(Optional.of(v2), repository.find(v1.id()));
        assertEquals("2", rawItem(v1.id()).get("version").n());
    }

    /**
     * DynamoDB answers a plain write to an item that an attempt's transaction is writing with TransactionConflict,
     * not a failed condition. DynamoDB Local serialises the two instead, so the service's answer is injected
     * before the PutItem is sent (found by review: this surfaced as a 500 on cancel, update or a provider outcome).
     */
    @Test
    void anUpdateMeetingAnAttemptsTransactionIsAConcurrentChangeAndChangesNothing() {
        PaymentIntent v1 = repository.create(open(Ids.next("m_"), T0));
        FaultInjector.before(r -> r instanceof PutItemRequest put && put.item().get("id").s().equals(v1.id()), () -> {
            throw TransactionConflictException.builder().message("Transaction is ongoing for the item")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionConflict").serviceName("DynamoDb").build())
                    .statusCode(400).build();
        });
        try {
            assertThrows(ConcurrentChangeException.class,
                    () -> repository.update(renamed(v1, "Writer during a transaction", T0.plusSeconds(1))));
            assertTrue(FaultInjector.fired());
        } finally {
            FaultInjector.disarm();
        }
        assertEquals(Optional.of(v1), repository.find(v1.id()));
    }

    @Test
    void anUpdateOfAnIntentThatWasNeverStoredIsRefusedAndStoresNothing() {
        PaymentIntent neverStored = withVersion(open(Ids.next("m_"), T0), 1L);

        assertThrows(ConcurrentChangeException.class, () -> repository.update(neverStored));
        assertEquals(Optional.empty(), repository.find(neverStored.id()));
    }

    @Test
    void anUpdateWithoutAVersionIsRefusedAndStoresNothing() {
        PaymentIntent notRead = open(Ids.next("m_"), T0);   // version null: never read from the table

        assertThrows(IllegalArgumentException.class, () -> repository.update(notRead));
        assertEquals(Optional.empty(), repository.find(notRead.id()));
    }

    /**
     * Two writers that read the same version and compute the same new state (same status, same payments, the
     * same millisecond: two racing authentications or cancels) write byte-identical domain values. The second
     * write fails its condition and finds stored exactly what it would have written: that alone must not make it
     * a winner (found by the local-api races test: three 201s for one OTP, three cancels answered 200).
     */
    @Test
    void aSecondIdenticalUpdateOfTheSameReadIsRefused() {
        PaymentIntent read = repository.create(open(Ids.next("m_"), T0));
        PaymentIntent change = renamed(read, "Same change", T0.plusSeconds(5));

        PaymentIntent first = repository.update(change);

        assertThrows(ConcurrentChangeException.class, () -> repository.update(change));
        assertEquals(Optional.of(first), repository.find(read.id()));
        assertEquals("2", rawItem(read.id()).get("version").n());
    }

    /** The same as a race: identical changes from one read, sent together; one wins, the others are refused. */
    @RepeatedTest(5)
    void concurrentIdenticalUpdatesOfTheSameReadExactlyOneWins() throws Exception {
        PaymentIntent read = repository.create(open(Ids.next("m_"), T0));
        PaymentIntent change = renamed(read, "Same change", T0.plusSeconds(5));
        int writers = 5;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<PaymentIntent>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return repository.update(change);
                }));
            }
            int winners = 0;
            for (Future<PaymentIntent> result : results) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                    winners++;
                } catch (ExecutionException e) {
                    assertInstanceOf(ConcurrentChangeException.class, e.getCause());
                }
            }
            assertEquals(1, winners, "exactly one writer is told its write was stored");
            assertEquals("2", rawItem(read.id()).get("version").n());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The SDK retries a write whose answer it lost (timeout, connection reset); if the first try had landed, the
     * retry fails its own condition. Sending the very request before the repository's own call makes that call
     * the retry: it is resolved as this writer's write, not a concurrent change.
     */
    @Test
    void anUpdateWhoseAnswerWasLostIsResolvedAsOurs() {
        PaymentIntent read = repository.create(open(Ids.next("m_"), T0));
        FaultInjector.beforeRequest(r -> r instanceof PutItemRequest put && put.item().get("id").s().equals(read.id()),
                request -> DynamoDbLocal.shared().client().putItem((PutItemRequest) request));
        PaymentIntent written;
        try {
            written = repository.update(renamed(read, "Written once", T0.plusSeconds(1)));
            assertTrue(FaultInjector.fired(), "the write landed before the repository's own call");
        } finally {
            FaultInjector.disarm();
        }
        assertEquals(2L, written.version());
        assertEquals(Optional.of(written), repository.find(read.id()));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsResolvedAsOurs() {
        PaymentIntent intent = open(Ids.next("m_"), T0);
        FaultInjector.beforeRequest(r -> r instanceof PutItemRequest put && put.item().get("id").s().equals(intent.id()),
                request -> DynamoDbLocal.shared().client().putItem((PutItemRequest) request));
        PaymentIntent created;
        try {
            created = repository.create(intent);
            assertTrue(FaultInjector.fired(), "the write landed before the repository's own call");
        } finally {
            FaultInjector.disarm();
        }
        assertEquals(withVersion(intent, 1L), created);
        assertEquals(Optional.of(created), repository.find(intent.id()));
    }

    /** An identical intent created twice (the same id) is a collision, not the first writer's success twice. */
    @Test
    void aSecondCreateOfTheSameIntentIsACollisionEvenWithIdenticalContent() {
        PaymentIntent intent = open(Ids.next("m_"), T0);
        PaymentIntent created = repository.create(intent);

        assertThrows(IllegalStateException.class, () -> repository.create(intent));
        assertEquals(Optional.of(created), repository.find(intent.id()));
    }

    @RepeatedTest(5)
    void twoConcurrentUpdatesOfTheSameReadExactlyOneWins() throws Exception {
        PaymentIntent read = repository.create(open(Ids.next("m_"), T0));
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PaymentIntent>> results = new ArrayList<>();
            for (String writer : List.of("writer A", "writer B")) {
                Callable<PaymentIntent> update = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return repository.update(renamed(read, writer, T0.plusSeconds(5)));
                };
                results.add(pool.submit(update));
            }

            List<PaymentIntent> winners = new ArrayList<>();
            int refused = 0;
            for (Future<PaymentIntent> result : results) {
                try {
                    winners.add(result.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertInstanceOf(ConcurrentChangeException.class, e.getCause());
                    refused++;
                }
            }

            assertEquals(1, winners.size(), "exactly one update succeeds");
            assertEquals(1, refused, "the other is refused");
            assertEquals(2L, winners.get(0).version());
            assertEquals(Optional.of(winners.get(0)), repository.find(read.id()), "the winner's change is stored");
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- an attempt: the intent and its new payment's entry, both or neither ----

    private static Map<String, AttributeValue> paymentEntry(String paymentId) {
        var read = DynamoDbLocal.shared().client().getItem(r -> r.tableName(TableNames.defaults().payments())
                .key(Map.of("paymentId", AttributeValue.fromS(paymentId))).consistentRead(true));
        return read.hasItem() ? read.item() : null;
    }

    private final DynamoPaymentLocator locator = new DynamoPaymentLocator(DynamoDbLocal.shared().client(),
            TableNames.defaults());

    @Test
    void updateWithNewPaymentStoresTheIntentAndThePaymentsEntryTogether() {
        PaymentIntent v1 = repository.create(open(Ids.next("m_"), T0));
        String paymentId = Ids.next(Ids.PAYMENT);

        PaymentIntent v2 = repository.updateWithNewPayment(renamed(v1, "Attempted", T0.plusSeconds(1)), paymentId);

        assertEquals(2L, v2.version());
        assertEquals(Optional.of(v2), repository.find(v1.id()));
        assertEquals(Optional.of(v1.id()), locator.intentOf(paymentId));
    }

    @Test
    void anAttemptFromAStaleReadStoresNeitherTheIntentNorThePaymentsEntry() {
        PaymentIntent v1 = repository.create(open(Ids.next("m_"), T0));
        PaymentIntent v2 = repository.update(renamed(v1, "First writer", T0.plusSeconds(1)));
        String paymentId = Ids.next(Ids.PAYMENT);

        assertThrows(ConcurrentChangeException.class,
                () -> repository.updateWithNewPayment(renamed(v1, "Stale attempt", T0.plusSeconds(2)), paymentId));

        assertEquals(Optional.of(v2), repository.find(v1.id()));
        assertNull(paymentEntry(paymentId), "no entry for a payment that was never stored");
    }

    @RepeatedTest(3)
    void tenConcurrentAttemptsOnTheSameReadLeaveOneIntentChangeAndOnePaymentEntry() throws Exception {
        PaymentIntent read = repository.create(open(Ids.next("m_"), T0));
        int writers = 10;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<String> paymentIds = new ArrayList<>();
            List<Future<PaymentIntent>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String paymentId = Ids.next(Ids.PAYMENT);
                paymentIds.add(paymentId);
                String writer = "attempt " + i;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return repository.updateWithNewPayment(renamed(read, writer, T0.plusSeconds(5)), paymentId);
                }));
            }
            List<PaymentIntent> winners = new ArrayList<>();
            for (Future<PaymentIntent> result : results) {
                try {
                    winners.add(result.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertInstanceOf(ConcurrentChangeException.class, e.getCause());
                }
            }

            assertEquals(1, winners.size(), "exactly one attempt is stored");
            assertEquals(Optional.of(winners.get(0)), repository.find(read.id()));
            long entries = paymentIds.stream().filter(id -> paymentEntry(id) != null).count();
            assertEquals(1, entries, "only the winner's payment has an entry");
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- list ----

    @Test
    void listShowsNewestFirstWithTheTotal() {
        String merchant = Ids.next("m_");
        List<PaymentIntent> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(repository.create(open(merchant, T0.plusSeconds(i))));
        }

        Page page = listAll(merchant, Mode.SANDBOX);

        assertEquals(5, page.total());
        assertEquals(ids(created.get(4), created.get(3), created.get(2), created.get(1), created.get(0)), ids(page));
        assertEquals(created.get(4), page.items().get(0), "listed intents are complete, with their version");
    }

    @Test
    void zeroMillisecondTimesSortInTheirPlace() {
        // Instant.toString() would write ":30Z" for .000, which sorts after ":30.500Z" as text
        String merchant = Ids.next("m_");
        PaymentIntent at29999 = repository.create(open(merchant, Instant.parse("2026-11-21T10:15:29.999Z")));
        PaymentIntent at30000 = repository.create(open(merchant, Instant.parse("2026-11-21T10:15:30.000Z")));
        PaymentIntent at30001 = repository.create(open(merchant, Instant.parse("2026-11-21T10:15:30.001Z")));
        PaymentIntent at30500 = repository.create(open(merchant, Instant.parse("2026-11-21T10:15:30.500Z")));
        PaymentIntent at31000 = repository.create(open(merchant, Instant.parse("2026-11-21T10:15:31.000Z")));

        assertEquals(ids(at31000, at30500, at30001, at30000, at29999), ids(listAll(merchant, Mode.SANDBOX)));
        assertEquals(ids(at30500, at30001, at30000), ids(list(merchant, Mode.SANDBOX,
                Instant.parse("2026-11-21T10:15:30Z"), Instant.parse("2026-11-21T10:15:30.500Z"), null, null, 1, 10)));
    }

    @Test
    void fromAndToAreInclusiveToTheMillisecond() {
        String merchant = Ids.next("m_");
        List<PaymentIntent> c = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            c.add(repository.create(open(merchant, T0.plusSeconds(i))));
        }
        Instant t1 = T0.plusSeconds(1);
        Instant t3 = T0.plusSeconds(3);

        assertEquals(ids(c.get(3), c.get(2), c.get(1)), ids(list(merchant, Mode.SANDBOX, t1, t3, null, null, 1, 10)));
        assertEquals(ids(c.get(3), c.get(2)),
                ids(list(merchant, Mode.SANDBOX, t1.plusMillis(1), t3, null, null, 1, 10)));
        assertEquals(ids(c.get(2), c.get(1)),
                ids(list(merchant, Mode.SANDBOX, t1, t3.minusMillis(1), null, null, 1, 10)));
        assertEquals(ids(c.get(1)), ids(list(merchant, Mode.SANDBOX, t1, t1, null, null, 1, 10)));
        Page empty = list(merchant, Mode.SANDBOX, T0.minusSeconds(10), T0.minusMillis(1), null, null, 1, 10);
        assertEquals(0, empty.total());
        assertEquals(List.of(), empty.items());
    }

    @Test
    void listFiltersByCustomerAndPurchaseReference() {
        String merchant = Ids.next("m_");
        PaymentIntent aliceFirst = repository.create(open(merchant, Mode.SANDBOX, T0, "order-1", "alice"));
        PaymentIntent bob = repository.create(open(merchant, Mode.SANDBOX, T0.plusSeconds(1), "order-2", "bob"));
        PaymentIntent aliceSecond = repository.create(open(merchant, Mode.SANDBOX, T0.plusSeconds(2), "order-3", "alice"));
        Instant from = T0.minusSeconds(1);
        Instant to = T0.plusSeconds(10);

        Page alices = list(merchant, Mode.SANDBOX, from, to, "alice", null, 1, 10);
        assertEquals(ids(aliceSecond, aliceFirst), ids(alices));
        assertEquals(2, alices.total());

        assertEquals(ids(bob), ids(list(merchant, Mode.SANDBOX, from, to, null, "order-2", 1, 10)));
        assertEquals(ids(aliceFirst), ids(list(merchant, Mode.SANDBOX, from, to, "alice", "order-1", 1, 10)));
        assertEquals(0, list(merchant, Mode.SANDBOX, from, to, "bob", "order-1", 1, 10).total());
        assertEquals(0, list(merchant, Mode.SANDBOX, from, to, "Alice", null, 1, 10).total(), "exact match");
        assertEquals(0, list(merchant, Mode.SANDBOX, from, to, "ali", null, 1, 10).total(), "no prefix match");
    }

    @Test
    void listPagesThroughFiveIntentsTwoAtATime() {
        String merchant = Ids.next("m_");
        List<PaymentIntent> c = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            c.add(repository.create(open(merchant, T0.plusSeconds(i))));
        }
        Instant from = T0;
        Instant to = T0.plusSeconds(4);

        Page page1 = list(merchant, Mode.SANDBOX, from, to, null, null, 1, 2);
        Page page2 = list(merchant, Mode.SANDBOX, from, to, null, null, 2, 2);
        Page page3 = list(merchant, Mode.SANDBOX, from, to, null, null, 3, 2);
        Page page4 = list(merchant, Mode.SANDBOX, from, to, null, null, 4, 2);

        assertEquals(ids(c.get(4), c.get(3)), ids(page1));
        assertEquals(ids(c.get(2), c.get(1)), ids(page2));
        assertEquals(ids(c.get(0)), ids(page3));
        assertEquals(List.of(), ids(page4));
        for (Page p : List.of(page1, page2, page3, page4)) {
            assertEquals(5, p.total());
        }
    }

    @Test
    void theTotalAndPagesCountOnlyFilteredMatches() {
        String merchant = Ids.next("m_");
        List<PaymentIntent> alices = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            PaymentIntent created = repository.create(open(merchant, Mode.SANDBOX, T0.plusSeconds(i), "order-" + i,
                    i % 2 == 0 ? "alice" : "bob"));
            if (i % 2 == 0) {
                alices.add(created);
            }
        }

        Page page2 = list(merchant, Mode.SANDBOX, T0, T0.plusSeconds(10), "alice", null, 2, 2);

        assertEquals(3, page2.total());
        assertEquals(ids(alices.get(0)), ids(page2));
    }

    @Test
    void listShowsOnlyThisMerchantsIntentsInThisMode() {
        String merchant = Ids.next("m_");
        String other = Ids.next("m_");
        PaymentIntent sandbox = repository.create(open(merchant, Mode.SANDBOX, T0, "order-1", "alice"));
        PaymentIntent live = repository.create(open(merchant, Mode.LIVE, T0, "order-1", "alice"));
        PaymentIntent othersSandbox = repository.create(open(other, Mode.SANDBOX, T0, "order-1", "alice"));

        assertEquals(ids(sandbox), ids(listAll(merchant, Mode.SANDBOX)));
        assertEquals(ids(live), ids(listAll(merchant, Mode.LIVE)));
        assertEquals(ids(othersSandbox), ids(listAll(other, Mode.SANDBOX)));
        assertEquals(0, listAll(other, Mode.LIVE).total());
        assertEquals(0, listAll(merchant + "x", Mode.SANDBOX).total(), "no prefix match on the merchant id");
        assertTrue(listAll(Ids.next("m_"), Mode.SANDBOX).items().isEmpty());
    }
}
