package io.cauri.webhook;

import io.cauri.event.EventEnvelope;
import io.cauri.merchant.Mode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether some webhook endpoint may want an event, for the stream publisher to say so as it announces it
 * ({@link io.cauri.event.EventPublisher#publishAll(List, java.util.function.Function)}): one of the endpoints of the
 * event's merchant and mode subscribes to its type. Enabled or not: a disabled endpoint whose announcement is owed
 * gets it made again when an event it subscribes to reaches the dispatcher (docs/CONTRACT.md, section 5), so such
 * events must still reach it. Most of a payment's events are wanted by no endpoint (a merchant subscribes to the
 * final ones): those no longer cost a queue receive and delete and a dispatcher invocation each.
 * <p>
 * One instance per batch of events: each merchant's and mode's endpoints are read once for it, consistently (an
 * endpoint created before the read is seen; docs/CONTRACT.md says an endpoint receives the events announced after it
 * is created). If that read fails the answer is "not known" (null), and the event goes to the dispatcher, which
 * reads the endpoints itself, as it always did: this is a saving, never a reason to hold or lose an event.
 */
public final class WebhookSubscribers {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSubscribers.class);

    private final WebhookRepository endpoints;
    /** By merchant and mode: its endpoints, or null where they could not be read. */
    private final Map<String, List<WebhookEndpoint>> read = new HashMap<>();

    private WebhookSubscribers(WebhookRepository endpoints) {
        this.endpoints = endpoints;
    }

    /** For one batch of events. */
    public static WebhookSubscribers forBatch(WebhookRepository endpoints) {
        return new WebhookSubscribers(endpoints);
    }

    /** True if an endpoint of the event's merchant and mode subscribes to its type, false if none does, null if unknown. */
    public Boolean want(EventEnvelope event) {
        List<WebhookEndpoint> list = endpoints(event.merchantId(), event.mode());
        if (list == null) {
            return null;
        }
        return list.stream().anyMatch(endpoint -> endpoint.subscribesTo(event.type()));
    }

    private List<WebhookEndpoint> endpoints(String merchantId, Mode mode) {
        String key = merchantId + " " + mode.wire();
        if (read.containsKey(key)) {
            return read.get(key);
        }
        List<WebhookEndpoint> list;
        try {
            list = endpoints.list(merchantId, mode);
        } catch (RuntimeException e) {
            LOG.warn("webhook endpoints of {} ({}) not read; their events go to the dispatcher unmarked: {}",
                    merchantId, mode.wire(), e.toString());
            list = null;
        }
        read.put(key, list);
        return list;
    }
}
