package io.cauri.wire.hub2;

import io.cauri.payment.PaymentAttempts.NewPayment;
import io.cauri.provider.PaymentMethod;
import io.cauri.web.error.ApiException;
import io.cauri.web.json.Fields;
import io.cauri.web.json.JsonBody;

import java.util.Optional;

/**
 * {@code POST /payment-intents/{id}/payments} (and {@code …/sync}) body, docs/CONTRACT.md §3: {@code token},
 * {@code paymentMethod}, {@code country}, {@code provider}, {@code mobileMoney {msisdn, otp, …Url}}.
 * Shape is checked here; coverage, currency and limits are the domain's (PaymentAttempts.route).
 */
public final class Hub2AttemptRequest {
    /** The provider name that routes a card payment (coverage.json lists it in every covered country). */
    public static final String CARD_PROVIDER = "card";

    private Hub2AttemptRequest() {
    }

    public static NewPayment parse(JsonBody body) {
        String methodName = body.requiredString("paymentMethod");
        PaymentMethod method = PaymentMethod.fromWire(methodName).orElseThrow(() -> ApiException.invalid("paymentMethod",
                "paymentMethod must be mobile_money, credit_card or bank_transfer."));
        String country = Fields.country("country", body.requiredString("country"));
        Optional<JsonBody> mobileMoney = body.optionalObject("mobileMoney");
        String provider;
        String msisdn = null;
        String otp = null;
        String successUrl = null;
        String failedUrl = null;
        if (method == PaymentMethod.MOBILE_MONEY) {
            provider = Fields.provider("provider", body.requiredString("provider"));
            JsonBody mm = mobileMoney.orElseThrow(() -> ApiException.missing("mobileMoney"));
            msisdn = Fields.msisdn(mm.path("msisdn"), mm.requiredString("msisdn"));
            otp = mm.optionalString("otp").map(v -> Fields.code(mm.path("otp"), v)).orElse(null);
            successUrl = url(mm, "onSuccessRedirectionUrl");
            failedUrl = url(mm, "onFailedRedirectionUrl");
            url(mm, "onCancelRedirectionUrl");
            url(mm, "onFinishRedirectionUrl");
        } else {
            provider = body.optionalString("provider").map(v -> Fields.provider("provider", v)).orElse(CARD_PROVIDER);
        }
        url(body, "onCancelRedirectionUrl");
        url(body, "onFinishRedirectionUrl");
        String token = body.optionalString("token").filter(t -> !t.isBlank()).orElse(null);
        if (token != null && mobileMoney.isPresent()) {
            withoutToken(mobileMoney.get(), "onSuccessRedirectionUrl", successUrl, token);
            withoutToken(mobileMoney.get(), "onFailedRedirectionUrl", failedUrl, token);
        }
        return new NewPayment(method, country, provider, msisdn, otp, successUrl, failedUrl);
    }

    /**
     * A redirection URL is stored and shown in the intent, {@code GET /payments} and webhook bodies, kept in
     * the table and its stream — everywhere a bearer credential must not be. What this catches is the common
     * slip: a payer page that sends its own address, which carries the token it was opened with
     * ({@code ?token=…}), as the redirection URL. It compares with the token of this body only; another
     * token (of another intent, or one re-encoded) is not recognised, and on an allowed origin is stored as is.
     */
    private static void withoutToken(JsonBody body, String field, String url, String token) {
        if (url != null && url.contains(token)) {
            throw ApiException.invalid(body.path(field), body.path(field)
                    + " must not contain the intent's token: redirection URLs are stored and sent in webhooks.");
        }
    }

    /** {@code POST /payment-intents/{id}/authentication}: the payer's OTP. */
    public static String confirmationCode(JsonBody body) {
        return Fields.code("confirmationCode", body.requiredString("confirmationCode"));
    }

    private static String url(JsonBody body, String field) {
        return body.optionalString(field).map(v -> Fields.redirectionUrl(body.path(field), v)).orElse(null);
    }
}
