package io.cauri.payments;

import io.cauri.payment.PaymentAttempts;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.hub2.Hub2PaymentIntent.Hub2Payment;
import io.cauri.wire.hub2.Hub2PaymentListRequest;
import io.cauri.wire.hub2.Hub2PaymentStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The merchant's payment attempts across intents: {@code GET /payments} (filters {@code intentId},
 * {@code status}, time range, pages) and {@code GET /payments/{id}/status}.
 */
@Controller("/payments")
public class Hub2PaymentsController {

    private final CallerResolver callers;
    private final PaymentAttempts payments;
    private final Clock clock;

    public Hub2PaymentsController(CallerResolver callers, PaymentAttempts payments, Clock clock) {
        this.callers = callers;
        this.payments = payments;
        this.clock = clock;
    }

    @Get
    public HttpResponse<List<Hub2Payment>> list(HttpRequest<?> request) {
        var caller = callers.server(request);
        var query = Hub2PaymentListRequest.parse(request.getParameters(), Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        var page = payments.list(caller, query.toQuery());
        return HttpResponse.ok(page.items().stream().map(Hub2Payment::of).toList())
                .headers(h -> query.headers(request.getPath(), page.total()).forEach(h::add));
    }

    @Get("/{id}/status")
    public Hub2PaymentStatus status(HttpRequest<?> request, @PathVariable String id) {
        return Hub2PaymentStatus.of(payments.payment(callers.server(request), id));
    }
}
