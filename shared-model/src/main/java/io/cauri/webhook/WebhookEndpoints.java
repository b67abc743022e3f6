package io.cauri.webhook;

import io.cauri.event.EventType;
import io.cauri.id.Ids;
import io.cauri.merchant.Caller;
import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;
import io.cauri.sealing.EncryptionKey;
import io.cauri.url.Urls;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A merchant's webhook endpoints: create, list, change (url, events, enabled), delete, rotate the secret. Secrets are generated here,
 * sealed before they are stored, and returned in clear only by {@link #create} and {@link #rotate}.
 */
@Singleton
@Requires(beans = EncryptionKey.class)
public class WebhookEndpoints {
    /** How long the previous secret still signs ({@code s0}) after a rotation (HUB2). */
    public static final Duration PREVIOUS_SECRET_LIFETIME = Duration.ofHours(24);
    /** Per merchant and mode: each event fans out to every endpoint, so keep it bounded. */
    public static final int MAX_ENDPOINTS = 16;

    private final WebhookRepository repository;
    private final EncryptionKey key;
    private final Clock clock;

    public WebhookEndpoints(WebhookRepository repository, EncryptionKey key, Clock clock) {
        this.repository = repository;
        this.key = key;
        this.clock = clock;
    }

    /** A validated request (the wire layer checks the URL, the types and the bounds). */
    public record NewEndpoint(String url, List<EventType> events, String description, Map<String, String> metadata) {
    }

    /** An endpoint with its secret in clear: the one time the merchant sees it. */
    public record WithSecret(WebhookEndpoint endpoint, WebhookSecret secret) {
    }

    /** The merchant already has the most endpoints one merchant and environment take (409). */
    public static final class TooManyEndpointsException extends RefusalException {
        public TooManyEndpointsException() {
            super(Refusal.INVALID_STATE, null,
                    "At most " + MAX_ENDPOINTS + " webhook endpoints per merchant and environment.");
        }
    }

    /** The merchant already has an endpoint at this URL in this mode: each event would reach it twice (409). */
    public static final class DuplicateUrlException extends RefusalException {
        public DuplicateUrlException(String existingId) {
            super(Refusal.DUPLICATE_URL, "url", "A webhook endpoint with this url already exists in this environment ("
                    + existingId + "): delete it first to create another.");
        }
    }

    public WithSecret create(Caller caller, NewEndpoint request) {
        List<WebhookEndpoint> existing = repository.list(caller.merchantId(), caller.mode());
        // Checked before the write, like the count: two concurrent creations with the same URL can both pass,
        // which only costs that merchant a duplicate delivery it can delete.
        String url = sameUrl(request.url());
        for (WebhookEndpoint endpoint : existing) {
            if (sameUrl(endpoint.url()).equals(url)) {
                throw new DuplicateUrlException(endpoint.id());
            }
        }
        if (existing.size() >= MAX_ENDPOINTS) {
            throw new TooManyEndpointsException();
        }
        Instant now = now();
        String id = Ids.next(Ids.WEBHOOK);
        WebhookSecret secret = WebhookSecret.generate();
        String context = WebhookEndpoint.secretContext(caller.merchantId(), caller.mode(), id);
        WebhookEndpoint endpoint = new WebhookEndpoint(id, caller.merchantId(), caller.mode(), request.url(),
                request.events(), request.description(), request.metadata(), WebhookEndpoint.Status.ENABLED, false,
                seal(secret, context), null, null, now, now, null, null);
        return new WithSecret(repository.create(endpoint), secret);
    }

    /** The URL as a receiver sees it: scheme and host are case-insensitive, a default port is no port. */
    static String sameUrl(String url) {
        try {
            java.net.URI u = new java.net.URI(url);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return Urls.schemeHostPort(u) + path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (java.net.URISyntaxException e) {
            return url;
        }
    }

    public List<WebhookEndpoint> list(Caller caller) {
        return repository.list(caller.merchantId(), caller.mode());
    }

    public Optional<WebhookEndpoint> find(Caller caller, String id) {
        return Ids.looksLike(Ids.WEBHOOK, id) ? repository.find(caller.merchantId(), caller.mode(), id) : Optional.empty();
    }

    public boolean delete(Caller caller, String id) {
        return Ids.looksLike(Ids.WEBHOOK, id) && repository.delete(caller.merchantId(), caller.mode(), id);
    }

    /** A validated change ({@code PATCH}): null leaves a value as it is. */
    public record Change(String url, List<EventType> events, Boolean enabled) {
    }

    /** Another request changed the endpoint each time this one read it (409). */
    public static final class ConcurrentEndpointChangeException extends RefusalException {
        public ConcurrentEndpointChangeException() {
            super(Refusal.CONCURRENT_CHANGE, null,
                    "Another request changed this webhook endpoint at the same time; retry after reading it again.");
        }
    }

    /**
     * Changes an endpoint of the caller's (empty: none with this id, or another merchant's or mode's). A new url
     * must not be another endpoint's (409 {@code duplicate_url}). Re-enabling a disabled endpoint clears its
     * failure clock and disabled reason: it is judged afresh from its next delivery. Conditional on the
     * endpoint's version; a concurrent change (the dispatcher marking it failing) is read again and re-applied.
     */
    public Optional<WebhookEndpoint> update(Caller caller, String id, Change change) {
        for (int i = 0; i < 3; i++) {
            Optional<WebhookEndpoint> found = find(caller, id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            WebhookEndpoint current = found.get();
            if (change.url() != null && !sameUrl(change.url()).equals(sameUrl(current.url()))) {
                String url = sameUrl(change.url());
                for (WebhookEndpoint other : repository.list(caller.merchantId(), caller.mode())) {
                    if (!other.id().equals(current.id()) && sameUrl(other.url()).equals(url)) {
                        throw new DuplicateUrlException(other.id());
                    }
                }
            }
            try {
                return Optional.of(repository.update(current.changed(change.url(), change.events(), change.enabled(), now())));
            } catch (io.cauri.intent.ConcurrentChangeException raced) {
                // read again
            }
        }
        throw new ConcurrentEndpointChangeException();
    }

    /** A new secret; the current one becomes the previous, still signing {@code s0} for 24 h. */
    public Optional<WithSecret> rotate(Caller caller, String id) {
        return find(caller, id).map(endpoint -> {
            Instant now = now();
            WebhookSecret secret = WebhookSecret.generate();
            WebhookEndpoint rotated = repository.update(endpoint.withSecrets(seal(secret, endpoint.secretContext()),
                    endpoint.sealedSecret(), now.plus(PREVIOUS_SECRET_LIFETIME), now));
            return new WithSecret(rotated, secret);
        });
    }

    /** The secrets that sign a delivery now: the current one, and the previous one while it lasts (or null). */
    public record SigningSecrets(WebhookSecret current, WebhookSecret previous) {
    }

    public SigningSecrets signingSecrets(WebhookEndpoint endpoint, Instant now) {
        WebhookSecret current = open(endpoint.sealedSecret(), endpoint.secretContext());
        WebhookSecret previous = endpoint.hasPreviousSecret(now)
                ? open(endpoint.sealedPreviousSecret(), endpoint.secretContext()) : null;
        return new SigningSecrets(current, previous);
    }

    private String seal(WebhookSecret secret, String context) {
        return key.seal(secret.value().getBytes(StandardCharsets.UTF_8), context);
    }

    private WebhookSecret open(String sealed, String context) {
        return new WebhookSecret(new String(key.open(sealed, context), StandardCharsets.UTF_8));
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
