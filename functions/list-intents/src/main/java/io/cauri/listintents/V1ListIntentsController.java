package io.cauri.listintents;

import io.cauri.payment.IntentLifecycle;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.v1.V1List;
import io.cauri.wire.v1.V1PaymentIntent;
import io.cauri.wire.v1.V1Requests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@code GET /api/v1/payment-intents}: cursor pages ({@code starting_after} / {@code ending_before}), newest first. */
@Controller("/api/v1/payment-intents")
public class V1ListIntentsController {

    /**
     * The most bytes of intents one page carries. An intent's metadata alone may be 50 × (40 + 500) characters,
     * so 100 of them could pass Lambda's 6 MB response limit; a page that would is cut short with
     * {@code has_more: true}, and the client goes on from its last intent as with any page.
     */
    static final int MAX_PAGE_BYTES = 4 * 1024 * 1024;

    private final CallerResolver callers;
    private final IntentLifecycle intents;
    private final io.micronaut.json.JsonMapper json;

    public V1ListIntentsController(CallerResolver callers, IntentLifecycle intents, io.micronaut.json.JsonMapper json) {
        this.json = json;
        this.callers = callers;
        this.intents = intents;
    }

    @Get
    public V1List list(HttpRequest<?> request) {
        var caller = callers.server(request);
        var query = V1Requests.list(request.getParameters());
        var page = intents.page(caller, query.limit(), query.startingAfter(), query.endingBefore());
        List<V1PaymentIntent> items = page.items().stream().map(V1PaymentIntent::of).toList();
        // ending_before pages run towards newer intents: what is nearest the cursor is the end of the list
        boolean towardsNewer = query.endingBefore() != null;
        List<V1PaymentIntent> kept = withinBudget(towardsNewer ? reversed(items) : items);
        boolean cut = kept.size() < items.size();
        return V1List.of(towardsNewer ? reversed(kept) : kept, page.hasMore() || cut, "/api/v1/payment-intents");
    }

    private static List<V1PaymentIntent> reversed(List<V1PaymentIntent> items) {
        List<V1PaymentIntent> copy = new ArrayList<>(items);
        Collections.reverse(copy);
        return copy;
    }

    /** The longest prefix whose JSON fits {@link #MAX_PAGE_BYTES} (at least one intent: one is far below it). */
    private List<V1PaymentIntent> withinBudget(List<V1PaymentIntent> items) {
        long bytes = 0;
        for (int i = 0; i < items.size(); i++) {
            try {
                bytes += json.writeValueAsBytes(items.get(i)).length + 1;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("a v1 intent is plain JSON", e);
            }
            if (bytes > MAX_PAGE_BYTES && i > 0) {
                return items.subList(0, i);
            }
        }
        return items;
    }
}
