package io.cauri.createtransfer;

import io.cauri.merchant.Mode;
import io.cauri.store.LedgerTableSchema;
import io.cauri.store.MoneyOutItems;
import io.cauri.store.TableNames;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MoneyOutFixtures;
import io.cauri.testing.TestMerchants;
import io.cauri.transfer.TransferRepository;
import io.cauri.transfer.Transfers;
import io.cauri.web.idempotency.IdempotentRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storage answers lost after a transfer and the reservation of its amount landed (one DynamoDB transaction),
 * through the real handler on DynamoDB Local. Whether the handler's own call then sees its write again (the SDK's
 * retry) or no answer at all, the create reads back and answers 201 with the one transfer, its amount reserved
 * once — never a 500, never a second reservation — and a retry with the same Idempotency-Key replays that answer.
 */
class AmbiguousCreateTest {
    static final String BODY = """
            {"reference":"payout-ambiguous","amount":2000,"currency":"XOF","description":"Commission",
             "destination":{"type":"mobile_money","country":"CI","recipientName":"Awa Konan","msisdn":"00000001","provider":"orange"}}""";
    static final long FUNDS = 10_000;

    static LocalFunction function;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @AfterEach
    void disarm() {
        FaultInjector.disarm();
    }

    static TestMerchants.Credentials funded() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        MoneyOutFixtures.fund(function, merchant, Mode.SANDBOX, FUNDS);
        return merchant;
    }

    static Response create(TestMerchants.Credentials merchant, String key) {
        return function.handle(ApiGatewayEvents.post("/transfers", BODY)
                .auth(merchant.merchantId(), merchant.key(Mode.SANDBOX), Mode.SANDBOX.wire())
                .header(IdempotentRequests.HEADER, key));
    }

    /** The transaction that stores a new transfer with its reservation: its first item puts a transfer#… item. */
    static boolean isTransferCreation(SdkRequest request) {
        if (!(request instanceof TransactWriteItemsRequest t) || t.transactItems().isEmpty()) {
            return false;
        }
        TransactWriteItem first = t.transactItems().get(0);
        return first.put() != null && TableNames.defaults().ledger().equals(first.put().tableName())
                && first.put().item().get(LedgerTableSchema.SK).s().startsWith(MoneyOutItems.TRANSFER)
                && first.put().conditionExpression().contains("attribute_not_exists");
    }

    static List<String> transfersOf(TestMerchants.Credentials merchant) {
        Instant now = Instant.now();
        return function.context().getBean(Transfers.class).list(new TransferRepository.Query(merchant.merchantId(),
                        Mode.SANDBOX, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), null, null, 1, 100))
                .items().stream().map(t -> t.id()).toList();
    }

    static void assertOneTransferReservedOnce(TestMerchants.Credentials merchant, String id) {
        assertEquals(List.of(id), transfersOf(merchant), "one transfer stored");
        assertEquals(FUNDS - 2000, MoneyOutFixtures.available(function, merchant, Mode.SANDBOX),
                "its amount taken from the available balance once");
    }

    @Test
    void aCreationThatLandedBeforeTheSdkRetriedItAnswers201WithTheOneTransfer() {
        TestMerchants.Credentials merchant = funded();
        String key = UUID.randomUUID().toString();
        // the first try lands (sent here, as it was); the handler's call is then the SDK's retry of it
        FaultInjector.beforeRequest(AmbiguousCreateTest::isTransferCreation,
                request -> DynamoDbLocal.shared().client().transactWriteItems((TransactWriteItemsRequest) request));

        Response created = create(merchant, key);
        assertTrue(FaultInjector.fired(), "the creation landed before the handler's own call");
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertOneTransferReservedOnce(merchant, id);

        Response retried = create(merchant, key);
        assertEquals(201, retried.status(), retried.body());
        assertEquals("true", retried.header(IdempotentRequests.REPLAYED_HEADER));
        assertEquals(id, retried.json().get("id").asText(), "the same transfer");
        assertOneTransferReservedOnce(merchant, id);
    }

    @Test
    void aCreationThatLandedUnderAnotherClientTokenMakesTheHandlersCallFailItsConditionsAndIsReadBack() {
        // DynamoDB no longer knows the landed try's token (its 10-minute idempotency window, or a try sent anew):
        // the handler's call is refused — the transfer's item exists, its reservation is posted — and must read back
        TestMerchants.Credentials merchant = funded();
        String key = UUID.randomUUID().toString();
        FaultInjector.beforeRequest(AmbiguousCreateTest::isTransferCreation,
                request -> DynamoDbLocal.shared().client().transactWriteItems(((TransactWriteItemsRequest) request)
                        .toBuilder().clientRequestToken(UUID.randomUUID().toString()).build()));

        Response created = create(merchant, key);
        assertTrue(FaultInjector.fired());
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertOneTransferReservedOnce(merchant, id);

        Response retried = create(merchant, key);
        assertEquals(201, retried.status(), retried.body());
        assertEquals(id, retried.json().get("id").asText(), "the same transfer");
        assertOneTransferReservedOnce(merchant, id);
    }

    @Test
    void aCreationThatLandedButWhoseAnswerWasLostForGoodIsReadBack() {
        TestMerchants.Credentials merchant = funded();
        String key = UUID.randomUUID().toString();
        // the write lands, then the connection drops: the SDK gives up with no answer
        FaultInjector.beforeRequest(AmbiguousCreateTest::isTransferCreation, request -> {
            DynamoDbLocal.shared().client().transactWriteItems((TransactWriteItemsRequest) request);
            throw SdkClientException.create("connection reset after the request was sent");
        });

        Response created = create(merchant, key);
        assertTrue(FaultInjector.fired());
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertOneTransferReservedOnce(merchant, id);

        Response retried = create(merchant, key);
        assertEquals(201, retried.status(), retried.body());
        assertEquals(id, retried.json().get("id").asText(), "the same transfer");
        assertOneTransferReservedOnce(merchant, id);
    }
}
