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
 * {@code POST /webhooks} ({@link #parse}) and {@code PATCH /webhooks/{id}} ({@link #parseChange}): {@code url*} (https; in sandbox also http to localhost or 127.0.0.1), {@code events*}
 * (known event types, at least one), {@code description}, {@code metadata} (strings, ≤ 50 keys, key ≤ 40,
 * value ≤ 500 characters).
 */
public final class Hub2WebhookRequest {

    private Hub2WebhookRequest() {
    }

    public static WebhookEndpoints.NewEndpoint parse(JsonBody body, Mode mode) {
        String url = url(body.requiredString("url"), mode);
        List<EventType> events = events(body.optionalStringList("events").orElseThrow(() -> ApiException.missing("events")));
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
        return new WebhookEndpoints.NewEndpoint(url, events, description, metadata);
    }

    /** The fields {@code PATCH /webhooks/{id}} changes; any other is refused (a typo must not pass silently). */
    static final List<String> CHANGEABLE = List.of("url", "events", "enabled");

    /**
     * {@code PATCH /webhooks/{id}}: any of {@code url} (the creation's rules), {@code events} (known types, at
     * least one), {@code enabled} (true or false), at least one of them, nothing else.
     */
    public static WebhookEndpoints.Change parseChange(JsonBody body, Mode mode) {
        for (String name : body.fieldNames()) {
            if (!CHANGEABLE.contains(name)) {
                throw ApiException.invalid(name.length() > 40 ? name.substring(0, 40) : name.replaceAll("\\p{Cntrl}", "?"),
                        "Only url, events and enabled can be changed; " + quoted(name) + " cannot.");
            }
        }
        String url = body.optionalString("url").map(u -> url(u, mode)).orElse(null);
        List<EventType> events = body.optionalStringList("events").map(Hub2WebhookRequest::events).orElse(null);
        Boolean enabled = body.optionalBoolean("enabled").orElse(null);
        if (url == null && events == null && enabled == null) {
            throw ApiException.of(io.cauri.refusal.Refusal.MISSING_PARAMETER,
                    "Give at least one of url, events or enabled.", "url");
        }
        return new WebhookEndpoints.Change(url, events, enabled);
    }

    private static List<EventType> events(List<String> names) {
        if (names.isEmpty()) {
            throw ApiException.invalid("events", "events must name at least one event type, e.g. payment_intent.successful.");
        }
        Set<EventType> events = new LinkedHashSet<>();
        for (String name : names) {
            events.add(EventType.fromWire(name).orElseThrow(() -> ApiException.invalid("events",
                    "Unknown event type " + quoted(name) + "; use payment_intent.created, processing, action_required, "
                            + "successful, canceled, payment_failed, payment.processing, action_required, successful, failed, "
                            + "refund.created, succeeded, failed, transfer.created, succeeded, failed or "
                            + "webhook_endpoint.disabled.")));
        }
        return new ArrayList<>(events);
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
