package io.cauri.event;

import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link WebhookSender} on the JDK HTTP client: redirects are not followed (a 3xx is a failure), the answer's
 * body is discarded, and the whole exchange is bounded by the timeout. Requests of one batch run concurrently.
 */
@Singleton
public class HttpWebhookSender implements WebhookSender {
    public static final String USER_AGENT = "Cauri-Webhooks/1.0";

    private volatile HttpClient client;

    @Override
    public CompletableFuture<Result> post(URI url, Map<String, String> headers, String body, Duration timeout) {
        long start = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = client(timeout).sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Result(null, describe(e), millisSince(start)));
        }
        return sent.orTimeout(timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure == null
                        ? new Result(response.statusCode(), null, millisSince(start))
                        : new Result(null, describe(failure), millisSince(start)));
    }

    /** Created on first use: no connection pool or selector thread in a SnapStart snapshot. */
    private HttpClient client(Duration timeout) {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                }
                c = client;
            }
        }
        return c;
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return "timeout";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
