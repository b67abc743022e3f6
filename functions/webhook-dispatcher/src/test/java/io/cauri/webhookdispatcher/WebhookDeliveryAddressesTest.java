package io.cauri.webhookdispatcher;

import io.cauri.webhook.Delivery;
import io.cauri.webhook.DeliveryLog;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.merchant.Mode;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The address rule at delivery, through SNS → SQS (the emulator) → the real dispatcher handler, with the
 * deployed default ({@code cauri.webhooks.loopback=sandbox}): an endpoint that reaches loopback in live (stored
 * before the rule, or a name that resolves there now) gets nothing, and the delivery history shows an error
 * kind, never an exception's text.
 */
class WebhookDeliveryAddressesTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static DispatcherFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new DispatcherFixture(Map.of("cauri.webhooks.loopback", "sandbox")).start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Delivery await(EventEnvelope event, WebhookEndpoint endpoint, Predicate<Delivery> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Delivery d = null;
        while (System.nanoTime() < deadline) {
            d = fixture.context.getBean(DeliveryLog.class).delivery(event.id(), endpoint.id()).orElse(null);
            if (d != null && condition.test(d)) {
                return d;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("delivery never got there: " + d);
    }

    @Test
    void aLiveEndpointOnLoopbackReceivesNothingWhileTheSandboxOneIsDelivered() throws Exception {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        // stored through the service, as an endpoint registered before the rule would be
        WebhookEndpoints.WithSecret live = fixture.subscribe(merchant, Mode.LIVE, receiver.url(), EventType.PAYMENT_INTENT_CREATED);
        EventEnvelope liveEvent = fixture.publish(merchant, Mode.LIVE, EventType.PAYMENT_INTENT_CREATED);
        Delivery refused = await(liveEvent, live.endpoint(), d -> !d.history().isEmpty());
        assertEquals("address_not_allowed", refused.history().get(0).error());
        assertNull(refused.history().get(0).responseStatus());

        WebhookEndpoints.WithSecret sandbox = fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.PAYMENT_INTENT_CREATED);
        EventEnvelope sandboxEvent = fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED);
        receiver.await(r -> r.size() == 1, WAIT);
        assertEquals(Delivery.Status.SUCCEEDED, await(sandboxEvent, sandbox.endpoint(),
                d -> d.status() == Delivery.Status.SUCCEEDED).status());
        Thread.sleep(1500); // the live delivery's retry (1 s later) is refused too
        assertEquals(1, receiver.requests().size());
        assertEquals(sandboxEvent.id(), receiver.requests().get(0).header("webhook-id"));
    }

    @Test
    void aClosedPortIsConnectionRefusedInTheHistoryNotTheJdkText() throws Exception {
        String merchant = TestMerchants.fresh().merchantId();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        WebhookEndpoints.WithSecret endpoint = fixture.subscribe(merchant, Mode.SANDBOX,
                "http://127.0.0.1:" + closed + "/hooks", EventType.PAYMENT_FAILED);
        EventEnvelope event = fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_FAILED);
        Delivery delivery = await(event, endpoint.endpoint(), d -> !d.history().isEmpty());
        assertEquals("connection_refused", delivery.history().get(0).error());
        assertNull(delivery.history().get(0).responseStatus());
    }
}
