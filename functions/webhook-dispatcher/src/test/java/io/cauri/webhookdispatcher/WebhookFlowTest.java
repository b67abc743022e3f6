package io.cauri.webhookdispatcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.webhook.Delivery;
import io.cauri.webhook.DeliveryLog;
import io.cauri.event.EventType;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentMethod;
import io.cauri.store.TableNames;
import io.cauri.streampublisher.StreamPublisherHandler;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path, each part real: a payment through the domain services writes DynamoDB Local; its stream,
 * read like an event source mapping, feeds the real stream-publisher handler; the events go through the
 * emulator's topic and queue to the real dispatcher handler, which POSTs them, signed, to a local receiver.
 */
class WebhookFlowTest {
    static DispatcherFixture fixture;
    static StreamPublisherHandler publisher;
    static StreamPoller stream;

    @BeforeAll
    static void start() {
        fixture = new DispatcherFixture(Map.of()).start();
        publisher = new StreamPublisherHandler(ApplicationContext.builder().properties(fixture.properties));
        stream = DynamoDbLocal.shared().streamPoller(TableNames.defaults().intents(),
                batch -> publisher.handleRequest(batch, new MockLambdaContext()), 100).start(100);
    }

    @AfterAll
    static void stop() {
        stream.close();
        publisher.close();
        fixture.close();
    }

    @Test
    void createAttemptAuthenticateArrivesSignedAtTheMerchantsEndpoint() throws Exception {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        WebhookEndpoints.WithSecret endpoint = fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.values());

        Caller server = Caller.server(merchant, Mode.SANDBOX);
        PaymentIntent intent = fixture.context.getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent("order-flow-1", "cust-1", 1000, Currency.XOF, null));
        PaymentAttempts payments = fixture.context.getBean(PaymentAttempts.class);
        payments.attempt(server, intent.id(), new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "orange",
                "00000001", null, null, null), false);
        PaymentIntent paid = payments.authenticate(server, intent.id(), "1234");
        assertEquals(IntentStatus.SUCCESSFUL, paid.status());

        ObjectMapper json = new ObjectMapper();
        List<WebhookReceiver.Request> requests = receiver.await(r -> r.stream()
                .anyMatch(q -> q.body().contains("\"payment_intent.successful\"")), Duration.ofSeconds(30));
        Thread.sleep(1000); // anything still in flight
        requests = receiver.requests();

        List<String> types = requests.stream().map(r -> type(json, r)).toList();
        int created = types.indexOf("payment_intent.created");
        int paymentOk = types.indexOf("payment.successful");
        int intentOk = types.indexOf("payment_intent.successful");
        assertTrue(created >= 0 && paymentOk >= 0 && intentOk >= 0, types.toString());
        assertTrue(types.containsAll(List.of("payment.processing", "payment_intent.processing",
                "payment.action_required", "payment_intent.action_required")), types.toString());
        assertEquals(types.size(), new HashSet<>(requests.stream().map(r -> r.header("webhook-id")).toList()).size(),
                "one delivery per event: " + types);

        for (WebhookReceiver.Request request : requests) {
            assertTrue(DispatcherFixture.verified(request, endpoint.secret()), "both signatures: " + request.headers());
            JsonNode event = json.readTree(request.body());
            assertEquals(request.header("webhook-id"), event.get("id").asText());
            assertEquals(merchant, event.get("merchantId").asText());
            assertEquals("sandbox", event.get("mode").asText());
            assertNull(event.get("data").get("token"), "the client token never leaves in an event");
            assertEquals("application/json", request.header("Content-Type"));
        }
        JsonNode final_ = json.readTree(requests.get(intentOk).body());
        assertEquals(intent.id(), final_.get("data").get("id").asText());
        assertEquals("successful", final_.get("data").get("status").asText());
        JsonNode payment = json.readTree(requests.get(paymentOk).body()).get("data");
        assertEquals(intent.id(), payment.get("intentId").asText());
        assertEquals("orange", payment.get("provider").asText());

        // the delivery log shows every event of the intent delivered to this endpoint
        List<DeliveryLog.LoggedEvent> logged = fixture.context.getBean(DeliveryLog.class).eventsOfIntent(intent.id());
        assertEquals(types.size(), logged.size());
        for (DeliveryLog.LoggedEvent e : logged) {
            assertEquals(1, e.deliveries().size());
            assertEquals(Delivery.Status.SUCCEEDED, e.deliveries().get(0).status());
            assertEquals(endpoint.endpoint().id(), e.deliveries().get(0).endpointId());
        }
    }

    static String type(ObjectMapper json, WebhookReceiver.Request request) {
        try {
            return json.readTree(request.body()).get("type").asText();
        } catch (Exception e) {
            throw new AssertionError(request.body(), e);
        }
    }
}
