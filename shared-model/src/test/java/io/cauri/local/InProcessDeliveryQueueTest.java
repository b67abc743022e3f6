package io.cauri.local;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.event.StatusEvents;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.stream.EventBodies;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalRepositories;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.webhook.DeliveryLog;
import io.cauri.webhook.DeliveryQueue;
import io.cauri.webhook.WebhookDeliveries;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.webhook.WebhookSignatures;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without a webhook queue (local run, no emulator) the same ports deliver in-process: a resend reaches the
 * endpoint, retried by the same policy, signed the same way.
 */
class InProcessDeliveryQueueTest {

    @Test
    void aResendIsDeliveredAndRetriedInProcess() {
        Map<String, Object> properties = new HashMap<>(LocalFunction.properties());
        properties.put("cauri.webhooks.encryption-key", LocalEvents.ENCRYPTION_KEY);
        properties.put("cauri.webhooks.retry.first-delay", "200ms");
        properties.put("cauri.webhooks.timeout", "1s");
        try (ApplicationContext context = ApplicationContext.run(properties);
             WebhookReceiver receiver = new WebhookReceiver()
                     .answering(n -> WebhookReceiver.Answer.status(n == 1 ? 502 : 200))) {
            assertInstanceOf(InProcessDeliveryQueue.class, context.getBean(DeliveryQueue.class));
            String merchant = TestMerchants.fresh().merchantId();
            Caller caller = Caller.server(merchant, Mode.SANDBOX);
            var endpoint = context.getBean(WebhookEndpoints.class).create(caller, new WebhookEndpoints.NewEndpoint(
                    receiver.url(), List.of(EventType.PAYMENT_INTENT_CREATED), null, Map.of()));
            PaymentIntent intent = LocalRepositories.intents().create(PaymentIntent.open(Ids.next(Ids.INTENT), merchant,
                    Mode.SANDBOX, Instant.now().truncatedTo(ChronoUnit.MILLIS), "order-1", "cust-1", 1000, Currency.XOF, null));
            EventEnvelope event = EventBodies.envelope(context.getBean(JsonMapper.class), StatusEvents.derive("rec-local",
                    null, intent).get(0));
            context.getBean(DeliveryLog.class).recordEvent(event);

            var resent = context.getBean(WebhookDeliveries.class).resend(caller, event.id()).orElseThrow();
            assertEquals(List.of(new WebhookDeliveries.Resent(endpoint.endpoint().id(), "queued")), resent);

            var requests = receiver.await(r -> r.size() >= 2, Duration.ofSeconds(10));
            assertEquals(event.id(), requests.get(1).header("webhook-id"));
            assertTrue(WebhookSignatures.verifyBoth(requests.get(1).headers(), requests.get(1).body(),
                    endpoint.secret(), Instant.now()).stream().allMatch(v -> v == WebhookSignatures.Verification.VALID));
        }
    }
}
