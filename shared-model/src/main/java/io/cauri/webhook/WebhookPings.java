package io.cauri.webhook;

import io.cauri.id.Ids;
import io.cauri.merchant.Caller;
import io.cauri.sealing.EncryptionKey;
import io.cauri.time.Timestamps;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhooks/{id}/test}: one {@code ping} event, signed like every delivery (same headers, same
 * secrets), posted now to the endpoint — enabled or disabled, so a merchant can check a fixed endpoint before
 * re-enabling it — and the outcome returned. A ping is not an event of the account: it is not logged, not
 * retried, not in any feed, changes nothing on the endpoint, and its type is not one an endpoint subscribes to.
 * The delivery rule applies: the address is checked when the connection is made.
 */
@Singleton
@Requires(beans = EncryptionKey.class)
public class WebhookPings {
    /** The ping's {@code type}. */
    public static final String TYPE = "ping";

    private final WebhookEndpoints endpoints;
    private final WebhookSender sender;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration timeout;

    public WebhookPings(WebhookEndpoints endpoints, WebhookSender sender, JsonMapper json, Clock clock,
                        @Value("${cauri.webhooks.timeout:10s}") Duration timeout) {
        this.endpoints = endpoints;
        this.sender = sender;
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** What the endpoint received: the ping's id and body, and how the endpoint answered. */
    public record Outcome(String eventId, String body, WebhookEndpoint endpoint, WebhookSender.Result result) {
    }

    /** {@code data} of a ping: which endpoint is tested. */
    @Serdeable
    public record PingData(String webhookId) {
    }

    /** A ping in the envelope of every event ({@code {id, type, createdAt, mode, merchantId, data}}). */
    @Serdeable
    public record Ping(String id, String type, String createdAt, String mode, String merchantId, PingData data) {
    }

    /** Empty if the caller has no endpoint with this id (another merchant's or mode's included). */
    public Optional<Outcome> ping(Caller caller, String id) {
        Optional<WebhookEndpoint> found = endpoints.find(caller, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WebhookEndpoint endpoint = found.get();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        String eventId = Ids.next(Ids.EVENT);
        String body;
        try {
            body = json.writeValueAsString(new Ping(eventId, TYPE, Timestamps.format(now), endpoint.mode().wire(),
                    endpoint.merchantId(), new PingData(endpoint.id())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a ping", e);
        }
        WebhookEndpoints.SigningSecrets keys = endpoints.signingSecrets(endpoint, now);
        Map<String, String> headers = WebhookSignatures.sign(eventId, now, body, keys.current(), keys.previous());
        WebhookSender.Result result = sender.post(URI.create(endpoint.url()), endpoint.mode(), headers, body, timeout).join();
        return Optional.of(new Outcome(eventId, body, endpoint, result));
    }
}
