package io.cauri.web.error;

import io.cauri.refusal.Refusal;

/**
 * The HTTP side of the refusal catalogue ({@link Refusal}): the one place a code gets its status, and the
 * codes as the edge writes them. The constants are the catalogue's wire strings, never literals of their own,
 * and name every value of it (a test holds the two together), so the edge and the domain cannot drift apart.
 */
public final class ErrorCode {
    public static final String INVALID_PARAMETER = Refusal.INVALID_PARAMETER.wire();
    public static final String MISSING_PARAMETER = Refusal.MISSING_PARAMETER.wire();
    public static final String INVALID_JSON = Refusal.INVALID_JSON.wire();
    public static final String UNSUPPORTED_CURRENCY = Refusal.UNSUPPORTED_CURRENCY.wire();
    /** 400: a provider or flow not offered where asked. */
    public static final String INVALID_PAYMENT_PROCESSOR = Refusal.INVALID_PAYMENT_PROCESSOR.wire();
    public static final String UNAUTHORIZED = Refusal.UNAUTHORIZED.wire();
    public static final String FORBIDDEN = Refusal.FORBIDDEN.wire();
    public static final String NOT_FOUND = Refusal.NOT_FOUND.wire();
    public static final String METHOD_NOT_ALLOWED = Refusal.METHOD_NOT_ALLOWED.wire();
    public static final String UNSUPPORTED_MEDIA_TYPE = Refusal.UNSUPPORTED_MEDIA_TYPE.wire();
    public static final String REQUEST_TOO_LARGE = Refusal.REQUEST_TOO_LARGE.wire();
    /** 414: the query string is longer than the API accepts. */
    public static final String URI_TOO_LONG = Refusal.URI_TOO_LONG.wire();
    /** 431: the request's headers together are larger than the API accepts. */
    public static final String HEADERS_TOO_LARGE = Refusal.HEADERS_TOO_LARGE.wire();
    /** 429: past the source IP's limit on this route (or banned from it); see {@code Retry-After}. */
    public static final String RATE_LIMITED = Refusal.RATE_LIMITED.wire();
    public static final String INVALID_STATE = Refusal.INVALID_STATE.wire();
    /** 409: the merchant already has a webhook endpoint at this URL in this environment. */
    public static final String DUPLICATE_URL = Refusal.DUPLICATE_URL.wire();
    public static final String CONCURRENT_CHANGE = Refusal.CONCURRENT_CHANGE.wire();
    /** 409: the intent already holds the most payment attempts one intent takes; create a new intent. */
    public static final String TOO_MANY_ATTEMPTS = Refusal.TOO_MANY_ATTEMPTS.wire();
    /** 409: a live attempt debiting the same number the same amount as one a few minutes ago. */
    public static final String DUPLICATE_REQUEST = Refusal.DUPLICATE_REQUEST.wire();
    /** 400: a refund or transfer larger than the available balance (or a refund than what remains of its payment). */
    public static final String BALANCE_INSUFFICIENT = Refusal.BALANCE_INSUFFICIENT.wire();
    /** 400: the payment's provider cannot refund it (or not this amount). */
    public static final String REFUND_UNSUPPORTED = Refusal.REFUND_UNSUPPORTED.wire();
    /** 409: another refund of the payment is still pending. */
    public static final String REFUND_IN_PROGRESS = Refusal.REFUND_IN_PROGRESS.wire();
    /** 403: transfers to this number are blocked for a while after repeated failures. */
    public static final String BLACKLISTED_MSISDN = Refusal.BLACKLISTED_MSISDN.wire();
    /** 422: an {@code Idempotency-Key} sent again with a different request (method, path or body). */
    public static final String IDEMPOTENCY_KEY_REUSED = Refusal.IDEMPOTENCY_KEY_REUSED.wire();
    /** 409: an {@code Idempotency-Key} whose first request is still running. */
    public static final String IDEMPOTENCY_KEY_IN_USE = Refusal.IDEMPOTENCY_KEY_IN_USE.wire();
    public static final String SERVICE_UNAVAILABLE = Refusal.SERVICE_UNAVAILABLE.wire();
    public static final String INTERNAL_ERROR = Refusal.INTERNAL_ERROR.wire();

    private ErrorCode() {
    }

    /** The HTTP status every refusal of this kind is answered with. */
    public static int status(Refusal refusal) {
        return switch (refusal) {
            case INVALID_PARAMETER, MISSING_PARAMETER, INVALID_JSON, UNSUPPORTED_CURRENCY, INVALID_PAYMENT_PROCESSOR,
                 BALANCE_INSUFFICIENT, REFUND_UNSUPPORTED -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN, BLACKLISTED_MSISDN -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case INVALID_STATE, DUPLICATE_URL, CONCURRENT_CHANGE, TOO_MANY_ATTEMPTS, DUPLICATE_REQUEST, IDEMPOTENCY_KEY_IN_USE,
                 REFUND_IN_PROGRESS -> 409;
            case REQUEST_TOO_LARGE -> 413;
            case URI_TOO_LONG -> 414;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case IDEMPOTENCY_KEY_REUSED -> 422;
            case RATE_LIMITED -> 429;
            case HEADERS_TOO_LARGE -> 431;
            case INTERNAL_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
        };
    }

    /** The code of an error that only has its HTTP status (one Micronaut answered without saying why). */
    public static String forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> REQUEST_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_PARAMETER;
        };
    }
}
