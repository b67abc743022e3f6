package io.cauri.web;

/** The stable {@code code} values of error bodies. Clients branch on these, so they never change meaning. */
public final class ErrorCode {
    public static final String INVALID_PARAMETER = "invalid_parameter";
    public static final String MISSING_PARAMETER = "missing_parameter";
    public static final String INVALID_JSON = "invalid_json";
    public static final String UNSUPPORTED_CURRENCY = "unsupported_currency";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String REQUEST_TOO_LARGE = "request_too_large";
    /** 414: the query string is longer than the API accepts. */
    public static final String URI_TOO_LONG = "uri_too_long";
    /** 431: the request's headers together are larger than the API accepts. */
    public static final String HEADERS_TOO_LARGE = "request_header_fields_too_large";
    /** 429: past the source IP's limit on this route (or banned from it); see {@code Retry-After}. */
    public static final String RATE_LIMITED = "rate_limited";
    public static final String INVALID_STATE = "invalid_state";
    /** 409: the merchant already has a webhook endpoint at this URL in this environment. */
    public static final String DUPLICATE_URL = "duplicate_url";
    public static final String CONCURRENT_CHANGE = "concurrent_change";
    /** 409: the intent already holds the most payment attempts one intent takes; create a new intent. */
    public static final String TOO_MANY_ATTEMPTS = "too_many_attempts";
    /** 422: an {@code Idempotency-Key} sent again with a different request (method, path or body). */
    public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
    /** 409: an {@code Idempotency-Key} whose first request is still running. */
    public static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    public static final String INTERNAL_ERROR = "internal_error";

    private ErrorCode() {
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
