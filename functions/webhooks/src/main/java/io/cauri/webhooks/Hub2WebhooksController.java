package io.cauri.webhooks;

import io.cauri.idempotency.IdempotencyRecord;
import io.cauri.sealing.EncryptionKey;
import io.cauri.webhook.WebhookAddresses;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.webhook.WebhookPings;
import io.cauri.merchant.Caller;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.idempotency.IdempotentRequests;
import io.cauri.web.json.JsonBody;
import io.cauri.wire.hub2.Hub2Webhook;
import io.cauri.wire.hub2.Hub2WebhookPing;
import io.cauri.wire.hub2.Hub2WebhookRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A merchant's webhook endpoints (API key only): {@code POST /webhooks}, {@code GET /webhooks},
 * {@code PATCH /webhooks/{id}}, {@code DELETE /webhooks/{id}}, {@code POST /webhooks/{id}/secret/rotate},
 * {@code POST /webhooks/{id}/test}. The secret is in the answers to creation and rotation only. Those two take
 * an {@code Idempotency-Key} (docs/CONTRACT.md §1); their answer is kept sealed with the webhook sealing key
 * ({@link EncryptionKey}), bound to the merchant, mode and key, so the idempotency table never holds a secret
 * in clear, and a replay gives the same secret.
 */
@Controller("/webhooks")
public class Hub2WebhooksController {

    private final CallerResolver callers;
    private final WebhookEndpoints endpoints;
    private final JsonMapper json;
    private final Clock clock;
    private final WebhookAddresses addresses;
    private final IdempotentRequests idempotent;
    private final WebhookPings pings;
    private final IdempotentRequests.KeptBody sealed;

    public Hub2WebhooksController(CallerResolver callers, WebhookEndpoints endpoints, JsonMapper json, Clock clock,
                                  WebhookAddresses addresses, IdempotentRequests idempotent, WebhookPings pings,
                                  EncryptionKey key) {
        this.callers = callers;
        this.endpoints = endpoints;
        this.json = json;
        this.clock = clock;
        this.addresses = addresses;
        this.idempotent = idempotent;
        this.pings = pings;
        this.sealed = new IdempotentRequests.KeptBody() {
            @Override
            public String keep(IdempotencyRecord record, String body) {
                return key.seal(body.getBytes(StandardCharsets.UTF_8), context(record));
            }

            @Override
            public String restore(IdempotencyRecord record, String kept) {
                return new String(key.open(kept, context(record)), StandardCharsets.UTF_8);
            }
        };
    }

    /** What a kept answer is sealed to: it opens only as the answer of this merchant's key, in this mode. */
    static String context(IdempotencyRecord record) {
        return "idempotency:webhooks:" + record.merchantId() + ":" + record.mode().wire() + ":" + record.key();
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> create(HttpRequest<String> request) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, sealed, () -> {
            var input = Hub2WebhookRequest.parse(JsonBody.parse(json, request.getBody(String.class).orElse(null)),
                    caller.mode());
            checkAddress(input.url(), caller);
            // too many endpoints, or one already at this url: refusals ErrorResponses maps (409)
            var created = endpoints.create(caller, input);
            return HttpResponse.created(Hub2Webhook.of(created.endpoint(), created.secret(), Instant.now(clock)));
        });
    }

    /**
     * Changes url, events or enabled (the creation's rules; anything else is refused). Re-enabling starts the
     * endpoint's failure clock over. Another merchant's endpoint is not found (404).
     */
    @Patch(value = "/{id}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public Hub2Webhook update(HttpRequest<String> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        if (endpoints.find(caller, id).isEmpty()) {
            throw notFound(id); // before the body: an unknown id is the answer whatever the body says
        }
        var change = Hub2WebhookRequest.parseChange(JsonBody.parse(json, request.getBody(String.class).orElse(null)),
                caller.mode());
        if (change.url() != null) {
            checkAddress(change.url(), caller);
        }
        var updated = endpoints.update(caller, id, change).orElseThrow(() -> notFound(id));
        return Hub2Webhook.of(updated, null, Instant.now(clock));
    }

    /** Sends one signed {@code ping} to the endpoint now and answers how it went (200 whatever the endpoint said). */
    @Post(value = "/{id}/test", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public Hub2WebhookPing test(HttpRequest<String> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        return Hub2WebhookPing.of(pings.ping(caller, id).orElseThrow(() -> notFound(id)));
    }

    /**
     * The delivery rule, early: a host that is or resolves to an internal address is refused now. A name that
     * does not resolve yet is accepted — every delivery resolves and checks again, which is what protects.
     */
    private void checkAddress(String url, Caller caller) {
        try {
            addresses.resolve(java.net.URI.create(url).getHost(), caller.mode());
        } catch (java.net.UnknownHostException notYet) {
            // checked at delivery
        } catch (WebhookAddresses.RefusedAddressException e) {
            throw ApiException.invalid("url", caller.mode() == io.cauri.merchant.Mode.SANDBOX
                    ? "url must reach a public address (or loopback, in sandbox): its host is or resolves to a "
                    + "private, link-local, unique local, unspecified or reserved address."
                    : "url must reach a public address: its host is or resolves to a loopback, private, link-local, "
                    + "unique local, unspecified or reserved address.");
        }
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public List<Hub2Webhook> list(HttpRequest<?> request) {
        Instant now = Instant.now(clock);
        return endpoints.list(callers.server(request)).stream().map(e -> Hub2Webhook.of(e, null, now)).toList();
    }

    @Delete(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    public Hub2Webhook.Deleted delete(HttpRequest<?> request, @PathVariable String id) {
        if (!endpoints.delete(callers.server(request), id)) {
            throw notFound(id);
        }
        return new Hub2Webhook.Deleted(id, true);
    }

    @Post(value = "/{id}/secret/rotate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> rotate(HttpRequest<String> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, sealed, () -> {
            var rotated = endpoints.rotate(caller, id).orElseThrow(() -> notFound(id));
            return HttpResponse.ok(Hub2Webhook.of(rotated.endpoint(), rotated.secret(), Instant.now(clock)));
        });
    }

    static ApiException notFound(String id) {
        return ApiException.of(Refusal.NOT_FOUND, "No webhook " + shown(id) + ".", "id");
    }

    static String shown(String id) {
        return id.length() > 40 ? id.substring(0, 40) + "…" : id.replaceAll("\\p{Cntrl}", "?");
    }
}
