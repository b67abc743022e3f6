package io.cauri.createintent;

import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentIntentService;
import io.cauri.token.IntentTokens;
import io.cauri.web.CallerResolver;
import io.cauri.web.JsonBody;
import io.cauri.web.hub2.Hub2CreateIntentRequest;
import io.cauri.web.hub2.Hub2PaymentIntent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

/** {@code POST /payment-intents}: a merchant's server opens an intent; the response carries its client token. */
@Controller("/payment-intents")
public class CreateIntentController {

    private final CallerResolver callers;
    private final PaymentIntentService intents;
    private final IntentTokens tokens;
    private final JsonMapper json;

    public CreateIntentController(CallerResolver callers, PaymentIntentService intents, IntentTokens tokens,
                                  JsonMapper json) {
        this.callers = callers;
        this.intents = intents;
        this.tokens = tokens;
        this.json = json;
    }

    @Post(consumes = MediaType.ALL)
    public HttpResponse<Hub2PaymentIntent> create(HttpRequest<String> request) {
        var caller = callers.server(request);
        var input = Hub2CreateIntentRequest.parse(JsonBody.parse(json, request.getBody(String.class).orElse(null)));
        PaymentIntent intent = intents.create(caller, input);
        return HttpResponse.created(Hub2PaymentIntent.of(intent, tokens.issue(intent)));
    }
}
