package io.cauri.providerevents;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cauri.intent.Currency;
import io.cauri.intent.FailureCode;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentMethod;
import io.cauri.provider.ProviderEvent;
import io.cauri.aws.ProviderEventMessage;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.TestMerchants;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The provider-events Lambda fed SQS batches, as the queue's event source mapping would, against DynamoDB Local. */
class ProviderEventsHandlerTest {

    static ProviderEventsHandler handler;
    static ApplicationContext context;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        // Long sandbox delays: in this test only the messages we send decide outcomes.
        handler = new ProviderEventsHandler(ApplicationContext.builder().properties(new java.util.HashMap<>(Map.of(
                "cauri.dynamodb.endpoint", LocalFunction.properties().get("cauri.dynamodb.endpoint"),
                "cauri.token.signing-key", LocalFunction.SIGNING_KEY,
                "cauri.sandbox.payer-delay", "10m", "cauri.payments.provider-window", "10m",
                "micronaut.server.port", -1))));
        context = handler.getApplicationContext();
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    static PaymentIntent waitingForThePayer() {
        Caller server = Caller.server(merchant.merchantId(), Mode.SANDBOX);
        PaymentIntent intent = context.getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent("order-1", "cust-1", 1000, Currency.XOF, null));
        return context.getBean(PaymentAttempts.class).attempt(server, intent.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "mtn", "00000001", null, null, null), false);
    }

    static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        return m;
    }

    static String body(ProviderEvent event) throws IOException {
        return context.getBean(JsonMapper.class).writeValueAsString(ProviderEventMessage.of(event));
    }

    static SQSBatchResponse handle(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return handler.handleRequest(event, new MockLambdaContext());
    }

    static PaymentIntent stored(PaymentIntent intent) {
        return context.getBean(IntentRepository.class).find(intent.id()).orElseThrow();
    }

    @Test
    void aSuccessMessageCompletesThePayment() throws IOException {
        PaymentIntent intent = waitingForThePayer();
        String paymentId = intent.payments().get(0).id();
        SQSBatchResponse response = handle(message("m1", body(ProviderEvent.succeeded(intent.id(), paymentId))));
        assertEquals(0, response.getBatchItemFailures().size());
        assertEquals(IntentStatus.SUCCESSFUL, stored(intent).status());
    }

    /** What a message changes carries {@code msg_} and the queue's message id into its events (docs/CONTRACT.md §5). */
    @Test
    void whatAMessageChangesCarriesItsOwnIdIntoTheItem() throws IOException {
        PaymentIntent intent = waitingForThePayer();
        String paymentId = intent.payments().get(0).id();
        String messageId = java.util.UUID.randomUUID().toString();
        assertEquals(0, handle(message(messageId, body(ProviderEvent.succeeded(intent.id(), paymentId))))
                .getBatchItemFailures().size());
        var item = io.cauri.testing.DynamoDbLocal.shared().client().getItem(r -> r
                .tableName(io.cauri.store.TableNames.defaults().intents()).consistentRead(true)
                .key(Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(intent.id())))).item();
        assertEquals("SUCCESSFUL", item.get("status").s());
        assertEquals("msg_" + messageId, io.cauri.store.IntentStreamImages.correlationId(item));
    }

    @Test
    void aRedeliveredMessageChangesNothing() throws IOException {
        PaymentIntent intent = waitingForThePayer();
        String paymentId = intent.payments().get(0).id();
        String failure = body(ProviderEvent.failed(intent.id(), paymentId, FailureCode.TIMEOUT, "no answer"));
        handle(message("m1", failure));
        PaymentIntent once = stored(intent);
        SQSBatchResponse again = handle(message("m1", failure), message("m2", body(ProviderEvent.succeeded(intent.id(), paymentId))));
        assertEquals(0, again.getBatchItemFailures().size());
        PaymentIntent twice = stored(intent);
        assertEquals(IntentStatus.PAYMENT_REQUIRED, twice.status());
        assertEquals(once.version(), twice.version());
        assertEquals(FailureCode.TIMEOUT, twice.lastPaymentFailure().code());
    }

    @Test
    void aBadMessageIsReportedAloneAndTheRestApplied() throws IOException {
        PaymentIntent intent = waitingForThePayer();
        SQSBatchResponse response = handle(message("bad-1", "not json"), message("bad-2", "{\"intentId\":\"x\"}"),
                message("good", body(ProviderEvent.succeeded(intent.id(), intent.payments().get(0).id()))));
        assertEquals(List.of("bad-1", "bad-2"),
                response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(IntentStatus.SUCCESSFUL, stored(intent).status());
    }

    @Test
    void theSampleSqsBatchOfEventsIsApplied() throws IOException {
        // Lambda's event JSON capitalises "Records"; its own serializer matches names case-insensitively.
        SQSEvent batch = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES).build()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(java.nio.file.Path.of("../../events/provider-events/sqs/provider-events-batch.json").toFile(),
                        SQSEvent.class);
        assertEquals(1, batch.getRecords().size());
        SQSBatchResponse response = handler.handleRequest(batch, new MockLambdaContext());
        assertEquals(0, response.getBatchItemFailures().size()); // an unknown payment: dropped, not retried
    }

    @Test
    void aTransfersCheckMessageSettlesItAndARedeliveryChangesNothing() throws IOException {
        String merchantId = io.cauri.id.Ids.next("m_"); // books of its own: the other tests' payments post too
        context.getBean(io.cauri.ledger.Ledger.class).post(io.cauri.ledger.LedgerTransaction.of(merchantId,
                Mode.SANDBOX, Currency.XOF, io.cauri.ledger.Kind.PAYMENT, io.cauri.id.Ids.next("pay_"), 5_000, 0,
                List.of(new io.cauri.ledger.Entry(io.cauri.ledger.Account.EXTERNAL, -5_000),
                        new io.cauri.ledger.Entry(io.cauri.ledger.Account.AVAILABLE, 5_000)), java.time.Instant.now()));
        io.cauri.transfer.Transfers transfers = context.getBean(io.cauri.transfer.Transfers.class);
        // 00000004: the sandbox provider's answer is lost, the transfer stays pending for its check
        io.cauri.transfer.Transfer pending = transfers.create(merchantId, Mode.SANDBOX, new io.cauri.transfer.NewTransfer(
                "r-1", 1_000, Currency.XOF, "payout", new io.cauri.transfer.Destination("mobile_money", "CI", "Awa",
                "0700000004", "orange")));
        assertEquals(io.cauri.transfer.TransferStatus.PENDING, pending.status());
        String check = context.getBean(JsonMapper.class).writeValueAsString(io.cauri.aws.PayoutCheckMessage.of(
                new io.cauri.provider.PayoutCheck(io.cauri.provider.PayoutCheck.Subject.TRANSFER, merchantId,
                        Mode.SANDBOX, pending.id(), 0)));

        assertEquals(0, handle(message("c1", check)).getBatchItemFailures().size());
        io.cauri.transfer.Transfer settled = transfers.find(merchantId, Mode.SANDBOX, pending.id());
        assertEquals(io.cauri.transfer.TransferStatus.SUCCESSFUL, settled.status());
        assertEquals(0, handle(message("c1", check)).getBatchItemFailures().size());
        assertEquals(settled, transfers.find(merchantId, Mode.SANDBOX, pending.id()));
        io.cauri.ledger.Balance books = context.getBean(io.cauri.ledger.Ledger.class)
                .balance(merchantId, Mode.SANDBOX, Currency.XOF);
        assertEquals(4_000, books.available());
        assertEquals(0, books.reserved());
        assertEquals(3, books.transactions(), "funding, reservation, settlement: the redelivery posted nothing");
    }

    @Test
    void aCheckMessageNoCauriComponentWroteIsReported() {
        SQSBatchResponse response = handle(message("x", "{\"type\":\"payout_check\",\"subject\":\"TRANSFER\"}"));
        assertEquals(List.of("x"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    @Test
    void anEventForAnUnknownPaymentIsDropped() throws IOException {
        SQSBatchResponse response = handle(message("m", body(ProviderEvent.succeeded("pi_unknown0000000000000", "pay_x"))));
        assertEquals(0, response.getBatchItemFailures().size());
    }
}
