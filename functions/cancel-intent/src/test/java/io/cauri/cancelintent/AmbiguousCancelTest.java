package io.cauri.cancelintent;

import io.cauri.intent.Currency;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.provider.PaymentMethod;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.store.TableNames;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cancel whose version-conditioned write landed, but whose answer the SDK lost and retried: the retry fails its
 * own condition (the version moved on — by this very write). Read back, it is our write: 200 canceled, not a
 * 409 for a cancel that did cancel. Through the real handler on DynamoDB Local.
 */
class AmbiguousCancelTest {
    static final TableNames TABLES = TableNames.defaults();
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("cauri.sandbox.payer-delay", "10m", "cauri.payments.provider-window", "10m"));
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        FaultInjector.disarm();
        function.close();
    }

    static PaymentIntent open() {
        return function.context().getBean(IntentLifecycle.class).create(
                Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent("o", "c", 1000, Currency.XOF, null));
    }

    @Test
    void aCancelWhoseWriteLandedBeforeTheSdkRetriedItAnswers200Canceled() {
        assertCanceledOnce(open());
    }

    /** The same with a payment waiting for the payer (its fees, next action and failure are read back too). */
    @Test
    void theSameWithAPaymentWaitingForThePayer() {
        PaymentIntent waiting = function.context().getBean(PaymentAttempts.class).attempt(
                Caller.server(merchant.merchantId(), Mode.SANDBOX), open().id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "mtn", "00000001", null, null, null), false);
        assertEquals(IntentStatus.ACTION_REQUIRED, waiting.status());
        assertTrue(!waiting.payments().get(0).fees().isEmpty(), "a payment with its fees");
        PaymentIntent canceled = assertCanceledOnce(waiting);
        assertEquals("canceled", canceled.payments().get(0).failure().code().wire());
    }

    static PaymentIntent assertCanceledOnce(PaymentIntent intent) {
        FaultInjector.beforeRequest(r -> r instanceof PutItemRequest put && TABLES.intents().equals(put.tableName()),
                request -> DynamoDbLocal.shared().client().putItem((PutItemRequest) request));

        Response response = function.handle(ApiGatewayEvents.request("POST", "/api/v1/payment-intents/" + intent.id() + "/cancel")
                .header("Authorization", "Bearer " + merchant.sandboxKey()));

        assertTrue(FaultInjector.fired(), "the write landed before the handler's own call");
        assertEquals(200, response.status(), response.body());
        assertEquals("canceled", response.json().get("status").asText());
        PaymentIntent stored = function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow();
        assertEquals(IntentStatus.CANCELED, stored.status());
        assertEquals(intent.version() + 1, stored.version(), "written once");
        return stored;
    }
}
