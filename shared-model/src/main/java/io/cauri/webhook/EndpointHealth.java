package io.cauri.webhook;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.id.Ids;
import io.cauri.intent.ConcurrentChangeException;
import io.cauri.metrics.BusinessMetrics;
import io.cauri.time.Timestamps;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Whether an endpoint still deserves deliveries. Its failure clock ({@link WebhookEndpoint#failingSince}) starts at
 * its first failed attempt after a success and stops at the next success. An endpoint whose clock reaches
 * {@code cauri.webhooks.disable-after} (3 days: every delivery failed all that time) is disabled, once: the write
 * is conditional on the endpoint's version, so of concurrent dispatchers only the one whose write lands
 * announces it — a {@code webhook_endpoint.disabled} event to the merchant's other endpoints (same mode)
 * subscribed to it, one message to the operators' alarm topic, and one {@code WebhookEndpointsDisabled} metric.
 * The disabling write also sets {@link WebhookEndpoint#announcementPending}, so the announcement survives a crash
 * or a failed step: it is made again ({@link #announcePending}) whenever the dispatcher next reads the endpoint
 * for a message — first of all the message that disabled it, which fails and comes back. A re-made announcement
 * is the same event (its id derives from the endpoint and its failure clock) and opens no second delivery; the
 * alarm alone may be raised again (at least once, acceptable for an operator alarm). The last step clears the flag.
 * The endpoint is written only when something changes (clock started, deliveries exhausted, disabled), not at
 * every failed attempt.
 */
@Singleton
@Requires(beans = DeliveryQueue.class)
public class EndpointHealth {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointHealth.class);

    private final WebhookRepository endpoints;
    private final DeliveryLog log;
    private final DeliveryQueue queue;
    private final OperatorAlarms alarms;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration disableAfter;
    private final BusinessMetrics metrics;

    public EndpointHealth(WebhookRepository endpoints, DeliveryLog log, DeliveryQueue queue, OperatorAlarms alarms,
                          JsonMapper json, Clock clock,
                          @Value("${cauri.webhooks.disable-after:3d}") Duration disableAfter, BusinessMetrics metrics) {
        this.metrics = metrics;
        this.endpoints = endpoints;
        this.log = log;
        this.queue = queue;
        this.alarms = alarms;
        this.json = json;
        this.clock = clock;
        this.disableAfter = disableAfter;
    }

    /** A delivery to {@code seen} (as read before the attempt) succeeded: the failure clock stops. */
    public void succeeded(WebhookEndpoint seen) {
        if (!seen.failing() && seen.failingSince() == null) {
            return;
        }
        change(seen, current -> current.failing() || current.failingSince() != null
                ? current.withFailingSince(null, now()) : current);
    }

    /**
     * An attempt made at {@code at} to {@code seen} failed; {@code exhausted}: it was its delivery's last one.
     * Returns true if this call disabled the endpoint (and announced it).
     */
    public boolean failed(WebhookEndpoint seen, Instant at, boolean exhausted) {
        if (seen.failingSince() != null && (!exhausted || seen.failing()) && !due(seen, at)) {
            return false; // nothing to write
        }
        Optional<Written> disabled = change(seen, current -> {
            WebhookEndpoint next = current;
            Instant now = now();
            if (next.failingSince() == null) {
                next = next.withFailingSince(at, now);
            }
            if (exhausted && !next.failing()) {
                next = next.withFailing(true, now);
            }
            if (due(next, at)) {
                next = next.disabled("No delivery succeeded since " + Timestamps.format(next.failingSince())
                        + ": disabled after " + disableAfter.toHours() + " hours of failures.", now)
                        .withAnnouncementPending(true, now); // owed from this very write on
            }
            return next;
        }).filter(w -> w.before().isEnabled() && !w.after().isEnabled());
        if (disabled.isEmpty()) {
            return false;
        }
        metrics.webhookEndpointDisabled(); // once per disabling write, not per (re-made) announcement
        LOG.warn("webhook endpoint {} of merchant {} disabled after {} of failures", disabled.get().after().id(),
                disabled.get().after().merchantId(), disableAfter);
        announce(disabled.get().after()); // a failure propagates: the caller's message comes back and re-drives it
        return true;
    }

    /**
     * Makes the announcement a disabled endpoint still owes (its disabling write was not followed by a complete
     * announcement); nothing if it owes none. Throws if a step fails: the flag stays, the next read tries again.
     */
    public void announcePending(WebhookEndpoint endpoint) {
        if (endpoint.announcementPending() && !endpoint.isEnabled()) {
            LOG.info("webhook endpoint {} still owes its webhook_endpoint.disabled announcement: made now", endpoint.id());
            announce(endpoint);
        }
    }

    private boolean due(WebhookEndpoint endpoint, Instant at) {
        return endpoint.isEnabled() && endpoint.failingSince() != null
                && !at.isBefore(endpoint.failingSince().plus(disableAfter));
    }

    /**
     * Applies {@code change} to the stored endpoint and writes it if it changed, conditionally; re-reads on a
     * concurrent change. Returns what this call wrote, if it wrote: only the write that turned the endpoint off
     * announces it (a concurrent dispatcher's write fails its condition, re-reads it disabled, and stops).
     */
    private Optional<Written> change(WebhookEndpoint seen,
                                             java.util.function.UnaryOperator<WebhookEndpoint> change) {
        for (int i = 0; i < 3; i++) {
            Optional<WebhookEndpoint> current = endpoints.find(seen.merchantId(), seen.mode(), seen.id());
            if (current.isEmpty()) {
                return Optional.empty();
            }
            WebhookEndpoint next = change.apply(current.get());
            if (next == current.get()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Written(current.get(), endpoints.update(next)));
            } catch (ConcurrentChangeException raced) {
                // read again
            }
        }
        return Optional.empty();
    }

    private record Written(WebhookEndpoint before, WebhookEndpoint after) {
    }

    /** The {@code data} of a {@code webhook_endpoint.disabled} event: the endpoint that stopped receiving. */
    @Serdeable
    public record DisabledEndpoint(String id, String url, String status, String failingSince, String disabledAt,
                                   String disabledReason) {
    }

    /** The event as merchants receive every event (docs/CONTRACT.md §5): {@code {id, type, createdAt, mode, merchantId, data}}. */
    @Serdeable
    public record DisabledEvent(String id, String type, String createdAt, String mode, String merchantId,
                                DisabledEndpoint data) {
    }

    /**
     * Tells the merchant's other endpoints and the operators, then clears the endpoint's
     * {@code announcementPending}. Every step may be repeated: the event's id is derived (the same event, logged
     * once), a delivery is opened once per endpoint (a second message for it finds it leased or done); only the
     * alarm is raised again. A failing step throws, leaving the flag set.
     */
    private void announce(WebhookEndpoint disabled) {
        Instant disabledAt = disabled.updatedAt() == null ? now() : disabled.updatedAt();
        String id = eventId(disabled);
        String body;
        try {
            body = json.writeValueAsString(new DisabledEvent(id, EventType.WEBHOOK_ENDPOINT_DISABLED.wire(),
                    Timestamps.format(disabledAt), disabled.mode().wire(), disabled.merchantId(),
                    new DisabledEndpoint(disabled.id(), disabled.url(), disabled.status().wire(),
                            Timestamps.format(disabled.failingSince()), Timestamps.format(disabledAt),
                            disabled.disabledReason())));
        } catch (IOException e) {
            throw new UncheckedIOException("webhook_endpoint.disabled of " + disabled.id() + " not written", e);
        }
        // ordered on its own: the endpoint's id is the ordering key, no sequence
        EventEnvelope event = new EventEnvelope(id, EventType.WEBHOOK_ENDPOINT_DISABLED, disabled.merchantId(),
                disabled.mode(), disabled.id(), disabledAt, body);
        log.recordEvent(event); // a second time: already there, same id, same content
        Instant now = now();
        int told = 0;
        for (WebhookEndpoint other : endpoints.list(disabled.merchantId(), disabled.mode())) {
            if (!other.id().equals(disabled.id()) && other.isEnabled()
                    && other.subscribesTo(EventType.WEBHOOK_ENDPOINT_DISABLED)) {
                Delivery opened = log.open(event, other, now);
                if (opened.status() == Delivery.Status.PENDING && opened.attempts() == 0) {
                    queue.send(new DeliveryMessage(id, other.id(), other.merchantId(), other.mode().wire(), 1,
                            now.toEpochMilli()), Duration.ZERO);
                }
                told++;
            }
        }
        alarms.raise("Cauri: webhook endpoint disabled after " + disableAfter.toHours() + " h of failures",
                "Merchant " + disabled.merchantId() + " (" + disabled.mode().wire() + "): webhook endpoint "
                        + disabled.id() + " at " + host(disabled.url()) + " failed every delivery since "
                        + Timestamps.format(disabled.failingSince()) + " and was disabled at "
                        + Timestamps.format(disabledAt) + " (event " + id + " sent to " + told
                        + " other endpoint(s)). The merchant re-enables it with PATCH /webhooks/{id}.");
        change(disabled, current -> current.announcementPending()
                ? current.withAnnouncementPending(false, now()) : current);
    }

    /** The same for every announcement of one disabling: the endpoint and the failure clock that disabled it. */
    static String eventId(WebhookEndpoint disabled) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(
                    ("webhook_endpoint.disabled|" + disabled.merchantId() + "|" + disabled.mode().wire() + "|"
                            + disabled.id() + "|" + Timestamps.format(disabled.failingSince()))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Ids.fromHash(Ids.EVENT, hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The URL's host only: a merchant's path or query may carry its own tokens. */
    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "(unreadable url)";
        }
    }


    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
