package io.cauri.wire.hub2;

import io.cauri.event.EventType;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.merchant.Mode;
import io.cauri.web.error.ApiException;
import io.cauri.web.json.Fields;
import io.cauri.web.json.JsonBody;
import io.cauri.url.Urls;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /webhooks}: {@code url*} (https; in sandbox also http to localhost or 127.0.0.1), {@code events*}
 * (known event types, at least one), {@code description}, {@code metadata} (strings, ≤ 50 keys, key ≤ 40,
 * value ≤ 500 characters).
 */
public final class Hub2WebhookRequest {

    private Hub2WebhookRequest() {
    }

    public static WebhookEndpoints.NewEndpoint parse(JsonBody body, Mode mode) {
        String url = url(body.requiredString("url"), mode);
        List<String> names = body.optionalStringList("events").orElseThrow(() -> ApiException.missing("events"));
        if (names.isEmpty()) {
            throw ApiException.invalid("events", "events must name at least one event type, e.g. payment_intent.successful.");
        }
        Set<EventType> events = new LinkedHashSet<>();
        for (String name : names) {
            events.add(EventType.fromWire(name).orElseThrow(() -> ApiException.invalid("events",
                    "Unknown event type " + quoted(name) + "; use payment_intent.created, processing, action_required, "
                            + "successful, canceled, payment_failed, payment.processing, action_required, successful, failed, "
                            + "refund.created, succeeded, failed or transfer.created, succeeded, failed.")));
        }
        String description = body.optionalString("description").map(d -> Fields.label("description", d, 500)).orElse(null);
        Map<String, String> metadata = body.optionalStringMap("metadata").orElse(Map.of());
        if (metadata.size() > 50) {
            throw ApiException.invalid("metadata", "metadata holds at most 50 keys.");
        }
        metadata.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 40 || v.length() > 500) {
                throw ApiException.invalid("metadata", "metadata keys are 1 to 40 characters, values at most 500.");
            }
        });
        return new WebhookEndpoints.NewEndpoint(url, new ArrayList<>(events), description, metadata);
    }

    /** https anywhere public; http only to this machine, and only in sandbox (a developer's local receiver). */
    static String url(String value, Mode mode) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url", "url must be an absolute https URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (value.length() > 2048 || host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw ApiException.invalid("url", "url must be an absolute https URL of at most 2048 characters, "
                    + "without credentials or fragment.");
        }
        boolean loopback = Urls.isLoopbackHost(host);
        if ("https".equals(scheme) && (mode == Mode.SANDBOX || !loopback)) {
            return value;
        }
        if ("http".equals(scheme) && mode == Mode.SANDBOX && loopback) {
            return value;
        }
        throw ApiException.invalid("url", mode == Mode.SANDBOX
                ? "url must be https, or http to localhost or 127.0.0.1 in sandbox."
                : "url must be a public https URL in live.");
    }

    private static String quoted(String name) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
