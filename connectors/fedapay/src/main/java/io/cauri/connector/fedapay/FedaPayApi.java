package io.cauri.connector.fedapay;

import io.cauri.connector.fedapay.FedaPayOutcomeUnknownException.Step;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * FedaPay's HTTP API, one call at a time, each bounded by the configured timeouts. A call ends in one of three ways,
 * and only these three: a {@link Reply} (2xx or 4xx: FedaPay answered), {@link NotSent} (no connection could be
 * opened: the request provably never reached FedaPay), or {@link FedaPayOutcomeUnknownException} (sent, then a
 * timeout, a 5xx, a lost connection or an unreadable 2xx answer: FedaPay may or may not have acted).
 */
final class FedaPayApi {
    private static final int MAX_ANSWER = 256 * 1024;

    /** An answer FedaPay gave: 2xx with its JSON object, or a 4xx refusal (body as far as it could be read). */
    record Reply(int status, Map<String, Object> body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** No connection was opened, so nothing was sent. */
    static final class NotSent extends Exception {
        NotSent(Throwable cause) {
            super("FedaPay could not be reached", cause, false, false);
        }
    }

    private final FedaPayConfig config;
    private final HttpClient client;

    FedaPayApi(FedaPayConfig config) {
        this.config = config;
        // built once: connection pool and TLS context are reused by every call of this Lambda instance
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Reply post(Step step, Long transactionId, String path, Map<String, Object> body) throws NotSent {
        return call(step, transactionId, request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    Reply get(Step step, Long transactionId, String path) throws NotSent {
        return call(step, transactionId, request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        String base = config.baseUrl().toString();
        return HttpRequest.newBuilder(URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path))
                .timeout(config.requestTimeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + config.secretKey());
    }

    private Reply call(Step step, Long transactionId, HttpRequest request) throws NotSent {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException notConnected) {
            throw new NotSent(notConnected);
        } catch (HttpTimeoutException timedOut) {
            throw new FedaPayOutcomeUnknownException(step, transactionId, "no answer within "
                    + config.requestTimeout(), timedOut);
        } catch (IOException lost) {
            if (lost.getCause() instanceof ConnectException) {
                throw new NotSent(lost);
            }
            throw new FedaPayOutcomeUnknownException(step, transactionId, "connection lost: "
                    + lost.getClass().getSimpleName(), lost);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new FedaPayOutcomeUnknownException(step, transactionId, "interrupted while waiting", interrupted);
        }
        int status = response.statusCode();
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            // 5xx: FedaPay may have acted before failing; 1xx/3xx: not an answer this API gives
            throw new FedaPayOutcomeUnknownException(step, transactionId, "HTTP " + status, null);
        }
        Map<String, Object> body = object(response.body());
        if (status < 300 && body == null) {
            throw new FedaPayOutcomeUnknownException(step, transactionId, "HTTP " + status
                    + " with an answer that is not a JSON object", null);
        }
        return new Reply(status, body == null ? Map.of() : body);
    }

    private static Map<String, Object> object(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_ANSWER) {
            return null;
        }
        try {
            Object parsed = Json.parse(new String(bytes, StandardCharsets.UTF_8));
            if (parsed instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked") Map<String, Object> map = (Map<String, Object>) parsed;
                return map;
            }
            return null;
        } catch (IOException unreadable) {
            return null;
        }
    }
}
