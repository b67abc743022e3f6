package io.cauri.refusal;

/**
 * The one catalogue of refusals: every {@code code} an error body can carry, on every route of both families.
 * Clients branch on these, so a value never changes meaning and its wire string never changes. The domain
 * refuses with one of these (see {@link RefusalException}); the HTTP layer alone gives each its status.
 */
public enum Refusal {
    /** A field is malformed or not allowed; {@code param} names it. */
    INVALID_PARAMETER("invalid_parameter"),
    /** A required field is absent. */
    MISSING_PARAMETER("missing_parameter"),
    /** The body is not a JSON object (empty, truncated, too deeply nested, …). */
    INVALID_JSON("invalid_json"),
    /** A currency no payment route takes, or one unlike the intent's on the chosen route. */
    UNSUPPORTED_CURRENCY("unsupported_currency"),
    /** A provider or flow not offered where asked (country, method, mode, synchronous attempt). */
    INVALID_PAYMENT_PROCESSOR("invalid_payment_processor"),
    /** Missing or wrong API key, or a bad, expired or another intent's token. */
    UNAUTHORIZED("unauthorized"),
    /** A sandbox payment page's approve or decline posted from another origin. */
    FORBIDDEN("forbidden"),
    /** No such object for this caller: unknown, another merchant's or the other mode's. */
    NOT_FOUND("not_found"),
    METHOD_NOT_ALLOWED("method_not_allowed"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    REQUEST_TOO_LARGE("request_too_large"),
    /** The query string or path is longer than the API accepts. */
    URI_TOO_LONG("uri_too_long"),
    /** The request's headers together are larger than the API accepts. */
    HEADERS_TOO_LARGE("request_header_fields_too_large"),
    /** Past the source IP's limit on this route (or banned from it); see {@code Retry-After}. */
    RATE_LIMITED("rate_limited"),
    /** The intent's state does not allow the request. */
    INVALID_STATE("invalid_state"),
    /** The merchant already has a webhook endpoint at this URL in this environment. */
    DUPLICATE_URL("duplicate_url"),
    /** Another request changed the object between our read and our write; ours was not stored. */
    CONCURRENT_CHANGE("concurrent_change"),
    /** The intent already holds the most payment attempts one intent takes; create a new intent. */
    TOO_MANY_ATTEMPTS("too_many_attempts"),
    /**
     * A live attempt would debit the same number the same amount as another attempt of the merchant a few minutes
     * ago (operators refuse or double-charge that); {@code param} names the number. Nothing is stored.
     */
    DUPLICATE_REQUEST("duplicate_request"),
    /**
     * A refund or a transfer would take more than the merchant's available balance in its currency (or a refund
     * more than what remains of the payment); nothing is stored.
     */
    BALANCE_INSUFFICIENT("balance_insufficient"),
    /**
     * The payment's provider cannot refund it (no refund call, or not this amount: some refund only the whole
     * payment); nothing is stored.
     */
    REFUND_UNSUPPORTED("refund_unsupported"),
    /** Another refund of the same payment is still pending: one at a time per payment; nothing is stored. */
    REFUND_IN_PROGRESS("refund_in_progress"),
    /**
     * Transfers to this number are blocked for a while after repeated failures (docs/CONTRACT.md, transfers);
     * {@code param} names the number; nothing is stored.
     */
    BLACKLISTED_MSISDN("blacklisted_msisdn"),
    /** An {@code Idempotency-Key} sent again with a different request (method, path or body). */
    IDEMPOTENCY_KEY_REUSED("idempotency_key_reused"),
    /** An {@code Idempotency-Key} whose first request is still running. */
    IDEMPOTENCY_KEY_IN_USE("idempotency_key_in_use"),
    /** A storage service is not answering now; the request may or may not have taken effect. */
    SERVICE_UNAVAILABLE("service_unavailable"),
    /** Our bug: logged under the request id, never explained. */
    INTERNAL_ERROR("internal_error");

    private final String wire;

    Refusal(String wire) {
        this.wire = wire;
    }

    /** The {@code code} as the error body writes it. */
    public String wire() {
        return wire;
    }
}
