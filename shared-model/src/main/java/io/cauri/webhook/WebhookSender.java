package io.cauri.webhook;

import io.cauri.merchant.Mode;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Port: one HTTP POST to a merchant's endpoint. Never fails the future: errors are a {@link Result}. */
public interface WebhookSender {
    /** No answer in time (connect, TLS, or the answer's status line). */
    String TIMEOUT = "timeout";
    /** Nothing listens on the port. */
    String CONNECTION_REFUSED = "connection_refused";
    /** The TLS handshake failed (certificate, name, protocol). */
    String TLS_ERROR = "tls_error";
    /** An answer came, not 2xx: its status is in the result. */
    String HTTP_STATUS = "http_status";
    /** The host is, or resolves to, an address webhooks may not reach ({@link WebhookAddresses}). */
    String ADDRESS_NOT_ALLOWED = "address_not_allowed";
    /** The host name does not resolve. */
    String DNS_ERROR = "dns_error";
    /** Anything else: the connection was lost, or the answer was not HTTP. */
    String CONNECTION_ERROR = "connection_error";

    /**
     * The kind to show for a stored attempt's error. Attempts recorded before errors were kinds hold the JDK's
     * exception text (kept up to 30 days): those are shown as the nearest kind, never as they are.
     */
    static String shownError(String stored) {
        if (stored == null) {
            return null;
        }
        return switch (stored) {
            case TIMEOUT, CONNECTION_REFUSED, TLS_ERROR, HTTP_STATUS, ADDRESS_NOT_ALLOWED, DNS_ERROR, CONNECTION_ERROR -> stored;
            // HttpConnectTimeoutException extends HttpTimeoutException: both were the JDK client's timeouts
            default -> stored.startsWith("HttpTimeoutException") || stored.startsWith("HttpConnectTimeoutException")
                    ? TIMEOUT
                    : stored.startsWith("ConnectException") ? CONNECTION_REFUSED
                    : stored.startsWith("SSL") ? TLS_ERROR
                    : stored.startsWith("UnknownHostException") ? DNS_ERROR
                    : CONNECTION_ERROR;
        };
    }

    /** {@code mode} is the endpoint's: it decides which addresses the URL may reach. */
    CompletableFuture<Result> post(URI url, Mode mode, Map<String, String> headers, String body, Duration timeout);

    /**
     * {@code status} if an answer came in time; {@code error} one of the kinds above, never an exception's
     * text (the delivery history is shown to the merchant, and error texts would tell which internal ports
     * are open or which TLS setup answers).
     */
    record Result(Integer status, String error, long durationMillis) {
        public boolean isSuccess() {
            return status != null && status >= 200 && status < 300;
        }
    }
}
