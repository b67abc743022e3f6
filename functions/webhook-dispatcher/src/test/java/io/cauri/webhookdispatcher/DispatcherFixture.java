package io.cauri.webhookdispatcher;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cauri.stream.EventBodies;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventPublisher;
import io.cauri.event.EventType;
import io.cauri.event.StatusEvent;
import io.cauri.event.StatusEvents;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.webhook.WebhookSecret;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.localaws.SqsPoller;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.WebhookReceiver;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatcher as deployed, on the emulator: the events topic → webhook queue (raw delivery) → an event
 * source mapping ({@link SqsPoller}) → the real {@link WebhookDispatcherHandler}. Retry delays and the
 * timeout come from configuration, shortened here.
 */
final class DispatcherFixture implements AutoCloseable {
    final LocalEvents events = new LocalEvents(2);
    final Map<String, Object> properties;
    final WebhookDispatcherHandler handler;
    final ApplicationContext context;
    final SqsPoller poller;
    final List<WebhookReceiver> receivers = new ArrayList<>();

    DispatcherFixture(Map<String, Object> overrides) {
        properties = new HashMap<>(events.properties());
        properties.put("cauri.webhooks.retry.first-delay", "1s");
        properties.put("cauri.webhooks.retry.multiplier", "1");
        properties.put("cauri.webhooks.retry.max-attempts", "3");
        properties.put("cauri.webhooks.timeout", "1s");
        properties.put("cauri.sandbox.payer-delay", "10m");
        properties.put("cauri.payments.provider-window", "10m");
        // the receivers are on 127.0.0.1, live endpoints too: loopback allowed for every mode (tests only)
        properties.put("cauri.webhooks.loopback", "all");
        properties.putAll(overrides);
        handler = new WebhookDispatcherHandler(ApplicationContext.builder().properties(properties));
        context = handler.getApplicationContext();
        poller = new SqsPoller(events.fauxqs().sqs(), events.queue(),
                (SQSEvent batch) -> handler.handleRequest(batch, new MockLambdaContext()));
    }

    DispatcherFixture start() {
        poller.start();
        return this;
    }

    WebhookReceiver receiver() {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    /** Subscribes an endpoint through the real service; returns it with its secret. */
    WebhookEndpoints.WithSecret subscribe(String merchantId, Mode mode, String url, EventType... types) {
        return context.getBean(WebhookEndpoints.class).create(Caller.server(merchantId, mode),
                new WebhookEndpoints.NewEndpoint(url, List.of(types), null, Map.of()));
    }

    /** An event of an intent of this merchant, logged then published on the topic, as the stream publisher does. */
    EventEnvelope publish(String merchantId, Mode mode, EventType type) {
        EventEnvelope envelope = envelope(merchantId, mode, type);
        context.getBean(io.cauri.webhook.DeliveryLog.class).recordEvent(envelope);
        context.getBean(EventPublisher.class).publish(envelope);
        return envelope;
    }

    /** An event of an intent of this merchant, as the stream publisher makes it (not published). */
    EventEnvelope envelope(String merchantId, Mode mode, EventType type) {
        PaymentIntent intent = PaymentIntent.open(Ids.next(Ids.INTENT), merchantId, mode,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "order-1", "cust-1", 1000, Currency.XOF, null);
        io.cauri.intent.Payment payment = null;
        if (type.wire().startsWith("payment.")) {
            payment = new io.cauri.intent.Payment(Ids.next(Ids.PAYMENT), intent.id(), intent.createdAt(),
                    intent.createdAt(), io.cauri.intent.PaymentStatus.PROCESSING, 1000, Currency.XOF, "mobile_money",
                    "CI", "orange", "00000001", null, List.of(), null, null, null, null, null);
        }
        StatusEvent event = new StatusEvent(StatusEvents.eventId(Ids.next("rec_"), type, intent.id()), type,
                intent.createdAt(), intent, payment);
        return EventBodies.envelope(context.getBean(JsonMapper.class), event);
    }

    /** Both schemes must accept the request with this secret. */
    static boolean verified(WebhookReceiver.Request request, WebhookSecret secret) {
        return io.cauri.webhook.WebhookSignatures.verifyBoth(request.headers(), request.body(), secret, Instant.now())
                .stream().allMatch(v -> v == io.cauri.webhook.WebhookSignatures.Verification.VALID);
    }

    SQSBatchResponse handle(SQSEvent batch) {
        return handler.handleRequest(batch, new MockLambdaContext());
    }

    @Override
    public void close() {
        poller.close();
        handler.close();
        receivers.forEach(WebhookReceiver::close);
    }
}
