package io.cauri.fees;

import io.cauri.payment.PaymentAttempts;
import io.cauri.provider.PaymentMethod;
import io.cauri.web.error.ApiException;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.json.Fields;
import io.cauri.wire.hub2.Hub2PaymentIntent.Hub2Fee;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

import java.util.List;

/**
 * {@code GET /payment-intents/{id}/payment-fees?country=&provider=&paymentMethod=}: the fees an attempt
 * on that route would carry, computed by the same code that puts them on the Payment.
 */
@Controller("/payment-intents/{id}/payment-fees")
public class Hub2PaymentFeesController {

    private final CallerResolver callers;
    private final PaymentAttempts payments;

    public Hub2PaymentFeesController(CallerResolver callers, PaymentAttempts payments) {
        this.callers = callers;
        this.payments = payments;
    }

    @Get
    public List<Hub2Fee> fees(HttpRequest<?> request, @PathVariable String id,
                             @Nullable @QueryValue String token) {
        var caller = callers.serverOrToken(request, id, token);
        var query = request.getParameters();
        String methodName = required(query.get("paymentMethod"), "paymentMethod");
        PaymentMethod method = PaymentMethod.fromWire(methodName).orElseThrow(() -> ApiException.invalid("paymentMethod",
                "paymentMethod must be mobile_money, credit_card or bank_transfer."));
        String country = Fields.country("country", required(query.get("country"), "country"));
        String provider = Fields.provider("provider", required(query.get("provider"), "provider"));
        return payments.fees(caller, id, method, country, provider).stream().map(Hub2Fee::of).toList();
    }

    private static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw ApiException.missing(name);
        }
        return value;
    }
}
