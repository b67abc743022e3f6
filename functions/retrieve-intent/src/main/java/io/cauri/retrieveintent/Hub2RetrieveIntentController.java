package io.cauri.retrieveintent;

import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.token.IntentTokens;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.guard.PollingBans;
import io.cauri.wire.hub2.Hub2IntentStatus;
import io.cauri.wire.hub2.Hub2PaymentIntent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

/**
 * {@code GET /payment-intents/{id}} and {@code …/status}: for the merchant's server (headers) or for the
 * client app holding that intent's token ({@code ?token=}).
 */
@Controller("/payment-intents/{id}")
public class Hub2RetrieveIntentController {

    private final CallerResolver callers;
    private final IntentLifecycle intents;
    private final IntentTokens tokens;
    private final PollingBans pollingBans;

    public Hub2RetrieveIntentController(CallerResolver callers, IntentLifecycle intents, IntentTokens tokens,
                                    PollingBans pollingBans) {
        this.callers = callers;
        this.intents = intents;
        this.tokens = tokens;
        this.pollingBans = pollingBans;
    }

    @Get
    public Hub2PaymentIntent retrieve(HttpRequest<?> request, @PathVariable String id,
                                      @Nullable @QueryValue String token) {
        PaymentIntent intent = read(request, id, token);
        return Hub2PaymentIntent.of(intent, tokens.issue(intent));
    }

    @Get("/status")
    public Hub2IntentStatus status(HttpRequest<?> request, @PathVariable String id,
                                   @Nullable @QueryValue String token) {
        return Hub2IntentStatus.of(read(request, id, token));
    }

    /** Reads the intent and tells the polling ban what state it was polled in (HUB2 §6). */
    private PaymentIntent read(HttpRequest<?> request, String id, String token) {
        PaymentIntent intent = intents.retrieve(callers.serverOrToken(request, id, token), id);
        pollingBans.observe(request, intent.status());
        return intent;
    }
}
