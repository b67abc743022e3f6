package io.cauri.webhook;

import io.cauri.event.EventEnvelope;
import io.cauri.merchant.Mode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether some webhook endpoint may want an event, for the stream publisher to say so as it announces it
 * ({@link io.cauri.event.EventPublisher#publishAll(List, java.util.function.Function)}): an endpoint of the event's
 * merchant and mode subscribes to its type and is either enabled (the dispatcher delivers to it) or disabled with
 * its announcement owed (the dispatcher makes the announcement again when such an event comes: docs/CONTRACT.md,
 * section 5). Those are exactly the endpoints the dispatcher would act on for the event; for any other event it
 * would only have read the endpoints and found nothing to do. Most of a payment's events are wanted by no endpoint
 * (a merchant subscribes to the final ones): those no longer cost a queue receive and delete and a dispatcher run.
 * <p>
 * One instance per batch of events: the endpoints of each merchant and mode of the batch are read once,
 * consistently (an endpoint created or changed before the read is seen), all at once on {@code executor}, and waited
 * for at most {@code wait} in all. An answer not read in time, or a read that failed, is "not known" (null): the
 * event goes to the dispatcher, which reads the endpoints itself, as it always did. This is a saving, never a
 * reason to hold an event back or lose it; and a batch with many merchants' events waits for their reads together,
 * not one after the other.
 */
public final class WebhookSubscribers {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSubscribers.class);

    /** By merchant and mode: its endpoints as read, or null where they could not be read in time. */
    private final Map<String, List<WebhookEndpoint>> endpoints;

    private WebhookSubscribers(Map<String, List<WebhookEndpoint>> endpoints) {
        this.endpoints = endpoints;
    }

    /** Reads the endpoints of every merchant and mode of {@code events}, concurrently, waiting at most {@code wait}. */
    public static WebhookSubscribers forBatch(WebhookRepository repository, List<EventEnvelope> events,
                                              Executor executor, Duration wait) {
        Map<String, CompletableFuture<List<WebhookEndpoint>>> reads = new LinkedHashMap<>();
        for (EventEnvelope event : events) {
            reads.computeIfAbsent(key(event.merchantId(), event.mode()), k -> CompletableFuture.supplyAsync(
                    () -> repository.list(event.merchantId(), event.mode()), executor));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        Map<String, List<WebhookEndpoint>> read = new LinkedHashMap<>();
        reads.forEach((key, future) -> {
            try {
                read.put(key, future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                future.cancel(false);
                LOG.warn("webhook endpoints of {} not read within {}; their events go to the dispatcher unmarked", key, wait);
                read.put(key, null);
            } catch (ExecutionException e) {
                LOG.warn("webhook endpoints of {} not read; their events go to the dispatcher unmarked: {}",
                        key, e.getCause().toString());
                read.put(key, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                read.put(key, null);
            }
        });
        return new WebhookSubscribers(read);
    }

    /**
     * True if an endpoint the dispatcher would act on for the event exists, false if none does, null if not known
     * (its merchant's endpoints not read: not of this batch, or not read in time).
     */
    public Boolean want(EventEnvelope event) {
        List<WebhookEndpoint> list = endpoints.get(key(event.merchantId(), event.mode()));
        if (list == null) {
            return null;
        }
        // the dispatcher's own two reasons to act on an endpoint for an event
        return list.stream().anyMatch(endpoint -> endpoint.receives(event.type()) || endpoint.owesAnnouncementOn(event.type()));
    }

    private static String key(String merchantId, Mode mode) {
        return merchantId + " " + mode.wire();
    }
}
