package io.cauri.sdk;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The HTTP client under the generated API classes: the JDK's client, plus what every call of the SDK needs and
 * the generated code does not do. It adds the credentials (HUB2 headers {@code ApiKey}, {@code MerchantId},
 * {@code Environment}; {@code Authorization: Bearer} on {@code /api/v1}), gives every POST an
 * {@code Idempotency-Key} unless the caller set one, and tries again per the {@link RetryPolicy} with that same
 * key. A POST is tried again only when the API cannot have acted on it: a {@code 429}, or a connection refused
 * before anything was sent. After a {@code 503} or a timeout the API keeps the key locked for a while (a repeat
 * would get {@code 409 idempotency_key_in_use}), so the caller gets the {@code 503} or the timeout, and reads the
 * object to learn whether the request took effect.
 */
final class CauriHttpClient extends HttpClient {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    private final HttpClient delegate;
    private final CauriConfig config;

    CauriHttpClient(HttpClient delegate, CauriConfig config) {
        this.delegate = delegate;
        this.config = config;
    }

    /** The request as sent: credentials, user agent and (POST) the idempotency key, chosen once for all tries. */
    HttpRequest prepare(HttpRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request, (name, value) -> true);
        b.setHeader("User-Agent", "cauri-java/" + CauriConfig.SDK_VERSION);
        if (config.apiKey() != null) {
            if (request.uri().getRawPath().startsWith(config.basePath() + "/api/v1")) {
                b.setHeader("Authorization", "Bearer " + config.apiKey());
            } else {
                b.setHeader("ApiKey", config.apiKey());
                if (config.merchantId() != null) {
                    b.setHeader("MerchantId", config.merchantId());
                }
                b.setHeader("Environment", config.environment());
            }
        }
        if ("POST".equals(request.method()) && request.headers().firstValue(IDEMPOTENCY_KEY).isEmpty()) {
            b.setHeader(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        }
        return b.build();
    }

    /** GET, HEAD, PUT, DELETE, OPTIONS: repeating them has the effect of one, whatever happened to the first try. */
    static boolean idempotent(HttpRequest request) {
        return IDEMPOTENT_METHODS.contains(request.method());
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest prepared = prepare(request);
        RetryPolicy policy = config.retryPolicy();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<T> response;
            try {
                response = delegate.send(prepared, handler);
            } catch (IOException e) {
                // A failure after the connection was made (reset, timeout) leaves unknown whether the server acted:
                // only a request that is safe to repeat is tried again. A refused connection sent nothing.
                if (attempt >= policy.maxAttempts() || !(idempotent(prepared) || e instanceof ConnectException)) {
                    throw e;
                }
                Thread.sleep(policy.backoff(attempt).toMillis());
                continue;
            }
            if (attempt >= policy.maxAttempts() || !RetryPolicy.retryableStatus(response.statusCode(), idempotent(prepared))) {
                return response;
            }
            Optional<Duration> retryAfter = RetryPolicy.parseRetryAfter(
                    response.headers().firstValue("Retry-After").orElse(null), Instant.now());
            if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
                return response;
            }
            discard(response);
            Duration wait = retryAfter.isPresent() ? retryAfter.get() : policy.backoff(attempt);
            Thread.sleep(wait.toMillis());
        }
    }

    /** A response not handed to the caller: its body stream is closed so the connection is released. */
    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try (InputStream ignored = in) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the connection is dropped instead of reused; nothing else depends on it
            }
        } else if (response.body() instanceof Closeable c) {
            try {
                c.close();
            } catch (IOException ignored) {
                // as above
            }
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        Executor executor = delegate.executor().orElse(null);
        java.util.function.Supplier<HttpResponse<T>> call = () -> {
            try {
                return send(request, handler);
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        };
        return executor == null ? CompletableFuture.supplyAsync(call) : CompletableFuture.supplyAsync(call, executor);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return sendAsync(request, handler);
    }

    @Override public Optional<CookieHandler> cookieHandler() { return delegate.cookieHandler(); }
    @Override public Optional<Duration> connectTimeout() { return delegate.connectTimeout(); }
    @Override public Redirect followRedirects() { return delegate.followRedirects(); }
    @Override public Optional<ProxySelector> proxy() { return delegate.proxy(); }
    @Override public SSLContext sslContext() { return delegate.sslContext(); }
    @Override public SSLParameters sslParameters() { return delegate.sslParameters(); }
    @Override public Optional<Authenticator> authenticator() { return delegate.authenticator(); }
    @Override public Version version() { return delegate.version(); }
    @Override public Optional<Executor> executor() { return delegate.executor(); }
}
