package io.cauri.store;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

import java.io.IOException;

/**
 * The SDK's URLConnection client, whose request aborted mid-flight fails as what it is: an I/O failure.
 *
 * <p>When an attempt's timeout fires, the SDK aborts the request from its timer thread: the connection is
 * disconnected while the calling thread is between two steps of it, and {@code HttpURLConnection} then throws a
 * {@code NullPointerException} ("this.http is null") instead of an {@code IOException}. Unwrapped, that escaped the
 * SDK's timeout and retry handling as a bug of ours — a 500 on a storage that was merely slow. As an
 * {@code IOException} the SDK reports it as its attempt timeout (or a retryable client failure), so the caller
 * answers 503 with Retry-After, and a write that may have landed is resolved the usual way.
 *
 * <p>Only that case is translated: a runtime exception from a request that was aborted. Any other one is a bug
 * (ours or the client's) and propagates as it is, so it stays visible.
 */
final class AbortSafeHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate;

    AbortSafeHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            /** Set by the SDK's timer thread before it disconnects the request. */
            private volatile boolean aborted;

            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    return prepared.call();
                } catch (RuntimeException failure) {
                    if (!aborted) {
                        throw failure;
                    }
                    throw new IOException("HTTP request aborted mid-flight", failure);
                }
            }

            @Override
            public void abort() {
                aborted = true;
                prepared.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
