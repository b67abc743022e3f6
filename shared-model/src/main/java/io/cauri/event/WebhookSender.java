package io.cauri.event;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Port: one HTTP POST to a merchant's endpoint. Never fails the future: errors are a {@link Result}. */
public interface WebhookSender {

    CompletableFuture<Result> post(URI url, Map<String, String> headers, String body, Duration timeout);

    /** {@code status} if an answer came in time, else null and {@code error} says why (timeout, refused…). */
    record Result(Integer status, String error, long durationMillis) {
        public boolean isSuccess() {
            return status != null && status >= 200 && status < 300;
        }
    }
}
