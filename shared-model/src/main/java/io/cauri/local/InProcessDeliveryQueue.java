package io.cauri.local;

import io.cauri.webhook.DeliveryMessage;
import io.cauri.webhook.DeliveryQueue;
import io.cauri.webhook.WebhookDispatcher;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link DeliveryQueue} in this JVM, for local runs without the SNS/SQS emulator (no
 * {@code cauri.webhooks.queue-url}): a delayed message is handed to this context's {@link WebhookDispatcher}
 * when due, as the queue would; a message the dispatcher fails comes back a second later, five times at most.
 * Messages are lost if the JVM stops. The timer thread is a daemon started on the first message; it only
 * hands due messages to worker threads (one per message in flight, as Lambda would run them concurrently),
 * so a delivery waiting on a hanging endpoint never holds back the others.
 */
@Singleton
@Requires(missingProperty = "cauri.webhooks.queue-url")
public class InProcessDeliveryQueue implements DeliveryQueue, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessDeliveryQueue.class);
    private static final int RECEIVES = 5;

    private final BeanProvider<WebhookDispatcher> dispatcher;
    private final JsonMapper json;
    private final AtomicLong ids = new AtomicLong();
    private final List<DeliveryMessage> deadLetters = new ArrayList<>();
    private ScheduledExecutorService timer;
    private java.util.concurrent.ExecutorService workers;
    private boolean closed;

    public InProcessDeliveryQueue(BeanProvider<WebhookDispatcher> dispatcher, JsonMapper json) {
        this.dispatcher = dispatcher;
        this.json = json;
    }

    @Override
    public void send(DeliveryMessage message, Duration delay) {
        String body;
        try {
            body = json.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        schedule(new WebhookDispatcher.Message("local-" + ids.incrementAndGet(), body,
                Map.of(DeliveryMessage.KIND_ATTRIBUTE, DeliveryMessage.KIND_DELIVERY)), delay, 1);
    }

    @Override
    public synchronized void deadLetter(DeliveryMessage message) {
        LOG.warn("webhook {} to endpoint {} failed after {} attempts", message.eventId(), message.endpointId(),
                message.attempt());
        deadLetters.add(message);
    }

    /** Deliveries that ran out of attempts in this JVM. */
    public synchronized List<DeliveryMessage> deadLetters() {
        return List.copyOf(deadLetters);
    }

    private synchronized void schedule(WebhookDispatcher.Message message, Duration delay, int receive) {
        if (closed) {
            return;
        }
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "webhook-deliveries");
                t.setDaemon(true);
                return t;
            });
            workers = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "webhook-delivery");
                t.setDaemon(true);
                return t;
            });
        }
        java.util.concurrent.ExecutorService pool = workers;
        timer.schedule(() -> pool.execute(() -> receive(message, receive)), Math.max(0, delay.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    private void receive(WebhookDispatcher.Message message, int receive) {
        Set<String> failed;
        try {
            failed = dispatcher.get().dispatch(List.of(message));
        } catch (RuntimeException e) {
            LOG.warn("in-process webhook delivery failed: {}", e.toString());
            failed = Set.of(message.id());
        }
        if (!failed.isEmpty() && receive < RECEIVES) {
            schedule(message, Duration.ofSeconds(1), receive + 1);
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
            workers.shutdownNow();
        }
    }
}
