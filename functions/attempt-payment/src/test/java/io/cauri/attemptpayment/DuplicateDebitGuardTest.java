package io.cauri.attemptpayment;

import io.cauri.intent.Currency;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Caller;
import io.cauri.merchant.MerchantRepository;
import io.cauri.merchant.Mode;
import io.cauri.payment.DebitClaim;
import io.cauri.payment.DebitClaims;
import io.cauri.payment.IntentLifecycle;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The duplicate-debit guard through the real attempt handler, DynamoDB Local and the live MTN MoMo connector
 * against its simulator: a second live attempt of one merchant debiting the same number the same amount within
 * the window is 409 {@code duplicate_request} on the number's field, and stores nothing — except after the first
 * failed, after the window, for another number, amount or merchant, in sandbox, or on another intent of a merchant
 * who opted out. Of 20 racing attempts on 20 intents exactly one is stored.
 */
class DuplicateDebitGuardTest {
    static final String MSISDN_FIELD = "mobileMoney.msisdn";
    static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    static MtnMomoSimulator mtn;
    static LocalFunction function;
    static final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    @BeforeAll
    static void start() throws Exception {
        mtn = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(new MtnMomoSimulator.Credentials(
                        GuardTestConnectors.SUBSCRIPTION_KEY, GuardTestConnectors.API_USER, GuardTestConnectors.API_KEY))
                .withTargetEnvironment(GuardTestConnectors.TARGET_ENVIRONMENT)
                .withCurrency(GuardTestConnectors.CURRENCY)
                .withPayerDelay(Duration.ofMillis(50)), 0);
        function = new LocalFunction(Map.of(GuardTestConnectors.MTN_BASE_URL, mtn.baseUrl(),
                "cauri.payments.provider-window", "300ms"), clock);
    }

    @AfterAll
    static void stop() {
        function.close();
        mtn.close();
    }

    @AfterEach
    void disarm() {
        FaultInjector.disarm();
        mtn.faults().reset();
    }

    /** A payer number no other test uses (13 digits, CI's country code first, as MTN wants it). */
    static String newNumber() {
        return "225" + String.format("%010d", NUMBERS.incrementAndGet() % 10_000_000_000L);
    }

    static PaymentIntent intent(TestMerchants.Credentials merchant, Mode mode, long amount) {
        return function.context().getBean(IntentLifecycle.class).create(Caller.server(merchant.merchantId(), mode),
                new IntentLifecycle.NewIntent(null, null, amount, Currency.XOF, null));
    }

    static Response attempt(TestMerchants.Credentials merchant, Mode mode, PaymentIntent intent, String msisdn) {
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                        "{\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\","
                                + "\"mobileMoney\":{\"msisdn\":\"" + msisdn + "\"}}")
                .auth(merchant.merchantId(), merchant.key(mode), mode.wire()));
    }

    static PaymentIntent stored(PaymentIntent intent) {
        return function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
    }

    static void assertAccepted(Response response) {
        assertEquals(201, response.status(), response.body());
        assertEquals(1, response.json().get("payments").size(), response.body());
    }

    /** 409 duplicate_request naming the number's field, with a message that says what to do; nothing stored. */
    static void assertRefusedAsDuplicate(Response response, PaymentIntent intent, String field) {
        assertEquals(409, response.status(), response.body());
        assertEquals("duplicate_request", response.json().get("code").asText());
        assertEquals(field, response.json().get("param").asText());
        String message = response.json().get("message").asText();
        assertTrue(message.contains("wait for that payment's outcome") && message.contains("Retry in"), message);
        PaymentIntent after = stored(intent);
        assertEquals(IntentStatus.PAYMENT_REQUIRED, after.status(), "nothing stored");
        assertEquals(intent.payments(), after.payments(), "nothing stored");
        assertEquals(intent.version(), after.version(), "nothing stored");
    }

    @Test
    void aSecondLiveAttemptWithTheSameNumberAndAmountOnAnotherIntentIsRefusedAndStoresNothing() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String number = newNumber();
        PaymentIntent first = intent(merchant, Mode.LIVE, 1000);
        PaymentIntent second = intent(merchant, Mode.LIVE, 1000);

        Response accepted = attempt(merchant, Mode.LIVE, first, number);
        Response refused = attempt(merchant, Mode.LIVE, second, number);

        assertAccepted(accepted);
        assertEquals("mtn-momo", stored(first).payments().get(0).gatewayId(), "a live payment, through the connector");
        assertRefusedAsDuplicate(refused, second, MSISDN_FIELD);
        assertEquals(1, mtn.acceptedRequestsFor(stored(first).payments().get(0).id()), "one debit request");
        PaymentIntent third = intent(merchant, Mode.LIVE, 1000);
        assertRefusedAsDuplicate(attempt(merchant, Mode.LIVE, third, "+" + number), third, MSISDN_FIELD);
    }

    @Test
    void theV1ConfirmIsRefusedOnItsOwnNumberField() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String number = newNumber();
        assertAccepted(attempt(merchant, Mode.LIVE, intent(merchant, Mode.LIVE, 1000), number));
        PaymentIntent second = intent(merchant, Mode.LIVE, 1000);

        Response refused = function.handle(ApiGatewayEvents.post("/api/v1/payment-intents/" + second.id() + "/confirm",
                        "{\"payment_method\":{\"type\":\"mobile_money\",\"mobile_money\":{\"country\":\"CI\","
                                + "\"operator\":\"mtn\",\"msisdn\":\"" + number + "\"}}}")
                .header("Authorization", "Bearer " + merchant.liveKey()));

        assertRefusedAsDuplicate(refused, second, "payment_method.mobile_money.msisdn");
    }

    @Test
    void afterTheFirstAttemptFailedARetryIsAccepted() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String number = newNumber();
        PaymentIntent first = intent(merchant, Mode.LIVE, 1000);
        mtn.faults().failInitiates(1, 400, false); // MTN refuses the request to pay and takes nothing
        Response failed = attempt(merchant, Mode.LIVE, first, number);
        assertEquals(201, failed.status(), failed.body());
        assertEquals(PaymentStatus.FAILED, stored(first).payments().get(0).status(), "no money moved");

        PaymentIntent other = intent(merchant, Mode.LIVE, 1000);
        assertAccepted(attempt(merchant, Mode.LIVE, other, number));
        // the claim is now the new attempt's, which may still debit: the failed intent's own retry is refused
        PaymentIntent retried = stored(first);
        assertRefusedAsDuplicate(attempt(merchant, Mode.LIVE, retried, number), retried, MSISDN_FIELD);
    }

    @Test
    void theFailedIntentItselfMayBeRetriedAtOnce() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String number = newNumber();
        PaymentIntent intent = intent(merchant, Mode.LIVE, 1000);
        mtn.faults().failInitiates(1, 400, false);
        assertEquals(201, attempt(merchant, Mode.LIVE, intent, number).status());
        assertEquals(IntentStatus.PAYMENT_REQUIRED, stored(intent).status(), "failed: another attempt is allowed");

        Response retry = attempt(merchant, Mode.LIVE, intent, number);

        assertEquals(201, retry.status(), retry.body());
        assertEquals(2, stored(intent).payments().size());
    }

    @Test
    void afterTheWindowTheSameDebitIsAccepted() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String number = newNumber();
        assertAccepted(attempt(merchant, Mode.LIVE, intent(merchant, Mode.LIVE, 1000), number));
        PaymentIntent second = intent(merchant, Mode.LIVE, 1000);
        clock.advance(Duration.ofMinutes(4).plusSeconds(58));
        assertRefusedAsDuplicate(attempt(merchant, Mode.LIVE, second, number), second, MSISDN_FIELD);

        clock.advance(Duration.ofSeconds(3)); // 5 min 1 s after the first: cauri.payments.duplicate-debit-window

        assertAccepted(attempt(merchant, Mode.LIVE, second, number));
    }

    @Test
    void anotherAmountOrAnotherNumberIsAccepted() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String number = newNumber();
        assertAccepted(attempt(merchant, Mode.LIVE, intent(merchant, Mode.LIVE, 1000), number));

        assertAccepted(attempt(merchant, Mode.LIVE, intent(merchant, Mode.LIVE, 1500), number));
        assertAccepted(attempt(merchant, Mode.LIVE, intent(merchant, Mode.LIVE, 1000), newNumber()));
    }

    @Test
    void anotherMerchantIsNeverBlocked() {
        TestMerchants.Credentials one = TestMerchants.fresh();
        TestMerchants.Credentials other = TestMerchants.fresh();
        String number = newNumber();
        assertAccepted(attempt(one, Mode.LIVE, intent(one, Mode.LIVE, 1000), number));

        assertAccepted(attempt(other, Mode.LIVE, intent(other, Mode.LIVE, 1000), number));
    }

    @Test
    void sandboxAttemptsAreNeverGuardedAndClaimNothing() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String number = newNumber();

        assertAccepted(attempt(merchant, Mode.SANDBOX, intent(merchant, Mode.SANDBOX, 1000), number));
        assertAccepted(attempt(merchant, Mode.SANDBOX, intent(merchant, Mode.SANDBOX, 1000), number));
        assertAccepted(attempt(merchant, Mode.LIVE, intent(merchant, Mode.LIVE, 1000), number));
    }

    @Test
    void aMerchantWhoOptedOutIsNotGuardedAcrossIntents() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        MerchantRepository merchants = function.context().getBean(MerchantRepository.class);
        merchants.save(merchants.find(merchant.merchantId()).orElseThrow().withAllowRepeatDebits(true));
        String number = newNumber();
        assertAccepted(attempt(merchant, Mode.LIVE, intent(merchant, Mode.LIVE, 1000), number));

        assertAccepted(attempt(merchant, Mode.LIVE, intent(merchant, Mode.LIVE, 1000), number));
    }

    @Test
    void ofTwentyRacingAttemptsOnTwentyIntentsExactlyOneIsStored() throws Exception {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String number = newNumber();
        List<PaymentIntent> intents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            intents.add(intent(merchant, Mode.LIVE, 1000));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Response>> answers = new ArrayList<>();
        for (PaymentIntent intent : intents) {
            answers.add(pool.submit(() -> {
                go.await();
                return attempt(merchant, Mode.LIVE, intent, number);
            }));
        }
        go.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();

        assertEquals(1, responses.stream().filter(r -> r.status() == 201).count(), statuses(responses));
        for (Response r : responses) {
            if (r.status() != 201) {
                assertEquals(409, r.status(), r.body());
                assertEquals("duplicate_request", r.json().get("code").asText(), r.body());
            }
        }
        assertEquals(1, intents.stream().mapToInt(i -> stored(i).payments().size()).sum(), "one attempt stored");
    }

    /**
     * The claim's write landed but its answer was lost, and the SDK's retry of it failed its own condition: read
     * back, the claim is the attempt's own, and the attempt goes on (not a 409 against itself, not a 503).
     */
    @Test
    void aClaimWhoseAnswerWasLostIsReadBackAsTheAttemptsOwn() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        PaymentIntent intent = intent(merchant, Mode.LIVE, 1000);
        DynamoDbClient dynamo = function.context().getBean(DynamoDbClient.class);
        FaultInjector.beforeRequest(r -> isClaimOf(merchant, r), r -> dynamo.putItem((PutItemRequest) r));

        Response response = attempt(merchant, Mode.LIVE, intent, newNumber());

        assertTrue(FaultInjector.fired(), "the claim was written twice");
        assertAccepted(response);
    }

    /**
     * The claim's write landed but the call failed for the client (a timeout after sending): an outcome the client
     * cannot know, resolved by reading the claim back — it is the attempt's own, so the attempt goes on rather than
     * answering 503 and leaving the payer's number held by an attempt that was never stored.
     */
    @Test
    void aClaimWriteThatTimedOutAfterLandingIsResolvedByReadingItBack() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        PaymentIntent intent = intent(merchant, Mode.LIVE, 1000);
        DynamoDbClient dynamo = function.context().getBean(DynamoDbClient.class);
        FaultInjector.beforeRequest(r -> isClaimOf(merchant, r), r -> {
            dynamo.putItem((PutItemRequest) r);
            throw SdkClientException.create("Client execution did not complete before the specified timeout");
        });

        Response response = attempt(merchant, Mode.LIVE, intent, newNumber());

        assertTrue(FaultInjector.fired());
        assertAccepted(response);
    }

    /** A claim whose write failed and is not there when read back: 503, and nothing stored. */
    @Test
    void aClaimWriteThatFailedUnseenIsA503AndStoresNothing() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        PaymentIntent intent = intent(merchant, Mode.LIVE, 1000);
        FaultInjector.beforeRequest(r -> isClaimOf(merchant, r), r -> {
            throw SdkClientException.create("Unable to execute HTTP request: connection reset");
        });

        Response response = attempt(merchant, Mode.LIVE, intent, newNumber());

        assertEquals(503, response.status(), response.body());
        assertEquals("service_unavailable", response.json().get("code").asText());
        PaymentIntent after = stored(intent);
        assertEquals(IntentStatus.PAYMENT_REQUIRED, after.status());
        assertEquals(0, after.payments().size(), "the attempt stopped before it was stored");
    }

    /**
     * The attempt claimed its debit, then lost the race to store itself (another change to the intent came first):
     * 409 concurrent_change, and the claim is released — the payer's number is not held by an attempt that was never
     * stored, so another intent's attempt with it goes through at once.
     */
    @Test
    void anAttemptThatLostItsWriteReleasesItsClaim() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String number = newNumber();
        PaymentIntent intent = intent(merchant, Mode.LIVE, 1000);
        IntentRepository intents = function.context().getBean(IntentRepository.class);
        FaultInjector.before(r -> r instanceof TransactWriteItemsRequest, () -> intents.update(stored(intent)));

        Response lost = attempt(merchant, Mode.LIVE, intent, number);

        assertTrue(FaultInjector.fired());
        assertEquals(409, lost.status(), lost.body());
        assertEquals("concurrent_change", lost.json().get("code").asText());
        assertAccepted(attempt(merchant, Mode.LIVE, intent(merchant, Mode.LIVE, 1000), number));
    }

    static boolean isClaimOf(TestMerchants.Credentials merchant, Object request) {
        return request instanceof PutItemRequest put && put.item().get("pk") != null
                && put.item().get("pk").s().startsWith("#debit#" + merchant.merchantId());
    }

    /**
     * A claim whose attempt was never stored (its process died between the two writes) blocks while that attempt
     * could still be being written, then no more: it does not hold the payer's number for the whole window.
     */
    @Test
    void anAbandonedClaimBlocksOnlyUntilItsAttemptCannotBeWritingAnyMore() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String number = newNumber();
        PaymentIntent orphan = intent(merchant, Mode.LIVE, 1000);
        Instant now = clock.instant();
        DebitClaims claims = function.context().getBean(DebitClaims.class);
        assertTrue(claims.claim(new DebitClaim(merchant.merchantId(), "CI", number, 1000, "XOF", orphan.id(),
                "pay_neverStoredAttempt0001", now, now.plus(Duration.ofMinutes(5))), null, now).isEmpty());
        PaymentIntent intent = intent(merchant, Mode.LIVE, 1000);

        assertRefusedAsDuplicate(attempt(merchant, Mode.LIVE, intent, number), intent, MSISDN_FIELD);
        clock.advance(Duration.ofSeconds(61));

        assertAccepted(attempt(merchant, Mode.LIVE, intent, number));
    }

    static String statuses(List<Response> responses) {
        return responses.stream().map(r -> r.status() + "").toList().toString();
    }
}
