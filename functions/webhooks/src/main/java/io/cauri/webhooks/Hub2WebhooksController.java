package io.cauri.webhooks;

import io.cauri.webhook.WebhookAddresses;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.merchant.Caller;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.json.JsonBody;
import io.cauri.wire.hub2.Hub2Webhook;
import io.cauri.wire.hub2.Hub2WebhookRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A merchant's webhook endpoints (API key only): {@code POST /webhooks}, {@code GET /webhooks},
 * {@code DELETE /webhooks/{id}}, {@code POST /webhooks/{id}/secret/rotate}. The secret is in the answers to
 * creation and rotation only. These POSTs take no {@code Idempotency-Key}: replaying them would mean keeping
 * a secret in clear in the idempotency table.
 */
@Controller("/webhooks")
public class Hub2WebhooksController {

    private final CallerResolver callers;
    private final WebhookEndpoints endpoints;
    private final JsonMapper json;
    private final Clock clock;
    private final WebhookAddresses addresses;

    public Hub2WebhooksController(CallerResolver callers, WebhookEndpoints endpoints, JsonMapper json, Clock clock,
                              WebhookAddresses addresses) {
        this.callers = callers;
        this.endpoints = endpoints;
        this.json = json;
        this.clock = clock;
        this.addresses = addresses;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Hub2Webhook> create(HttpRequest<String> request) {
        Caller caller = callers.server(request);
        var input = Hub2WebhookRequest.parse(JsonBody.parse(json, request.getBody(String.class).orElse(null)), caller.mode());
        checkAddress(input.url(), caller);
        // too many endpoints, or one already at this url: refusals ErrorResponses maps (409)
        var created = endpoints.create(caller, input);
        return HttpResponse.created(Hub2Webhook.of(created.endpoint(), created.secret(), Instant.now(clock)));
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
    public Hub2Webhook rotate(HttpRequest<?> request, @PathVariable String id) {
        var rotated = endpoints.rotate(callers.server(request), id).orElseThrow(() -> notFound(id));
        return Hub2Webhook.of(rotated.endpoint(), rotated.secret(), Instant.now(clock));
    }

    static ApiException notFound(String id) {
        return ApiException.of(Refusal.NOT_FOUND, "No webhook " + shown(id) + ".", "id");
    }

    static String shown(String id) {
        return id.length() > 40 ? id.substring(0, 40) + "…" : id.replaceAll("\\p{Cntrl}", "?");
    }
}
