package io.cauri.providerevents;

import io.cauri.ratelimit.RateLimitWindows;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code PUT} and {@code POST /providers/mtn-momo/events/{paymentId}}: MTN MoMo's callback for a request to pay,
 * sent to the {@code X-Callback-Url} the connector gave with our payment id in the path. MTN signs nothing
 * (docs/PROVIDERS.md §1.6), so anyone can send this: the body is never read, and the call is only a hint that the
 * payment may have moved on. The payment must be a live one the "mtn-momo" connector took (else 404, nothing
 * read); if it has not ended, its status is read through that connector and only a final answer is applied.
 * <p>
 * Cost: an unauthenticated caller must not be able to make us hammer MTN. A payment that has ended is never read;
 * otherwise at most one read per payment per {@code cauri.providers.mtn-momo-hints.interval} (default 10 s) is made
 * across every instance of the function — the window is one atomic counter in the rate-limit table, keyed by the
 * payment — and a hint schedules nothing. Hints beyond that are acknowledged and dropped: the payment's own checks
 * and the sweep still settle it. Whatever happened, a known payment's hint is answered 204 at once (MTN wants a 2xx
 * within seconds and learns nothing from more).
 */
@Controller("/providers/mtn-momo/events/{paymentId}")
public class MtnMomoEventsController {
    private static final Logger LOG = LoggerFactory.getLogger(MtnMomoEventsController.class);
    static final String CONNECTOR = "mtn-momo";

    private final ConnectorEvents events;
    private final RateLimitWindows windows;
    private final Clock clock;
    private final Duration interval;

    public MtnMomoEventsController(ConnectorEvents events, RateLimitWindows windows, Clock clock,
                                   @Value("${cauri.providers.mtn-momo-hints.interval:10s}") Duration interval) {
        this.events = events;
        this.windows = windows;
        this.clock = clock;
        this.interval = interval.getSeconds() < 1 ? Duration.ofSeconds(1) : interval;
    }

    /** MTN's SDK calls back with {@code PUT}. */
    @Put(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> put(@PathVariable String paymentId) {
        return hint(paymentId);
    }

    /** MTN's callback page says the callback may also be a {@code POST}. */
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> post(@PathVariable String paymentId) {
        return hint(paymentId);
    }

    private HttpResponse<?> hint(String paymentId) {
        ConnectorEvents.Bound bound = events.bind(CONNECTOR, paymentId, "paymentId", p -> true);
        if (!bound.payment().status().isFinal() && firstInWindow(paymentId)) {
            events.readNow(bound);
        }
        return HttpResponse.noContent();
    }

    /**
     * Whether this hint is the first for the payment in the current window. A counter that cannot be reached
     * allows nothing: a hint is never worth a read we cannot bound.
     */
    private boolean firstInWindow(String paymentId) {
        long seconds = interval.getSeconds();
        long window = Instant.now(clock).getEpochSecond() / seconds;
        try {
            return windows.hit("mtn-momo-hint#" + paymentId + "#" + window,
                    Instant.ofEpochSecond((window + 1) * seconds)).hits() == 1;
        } catch (RuntimeException unavailable) {
            LOG.warn("MTN MoMo hint for payment {} dropped: its window could not be counted ({})", paymentId,
                    unavailable.getClass().getName());
            return false;
        }
    }
}
