package io.cauri.web.guard;

import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.cauri.web.error.ErrorResponses;
import io.cauri.web.json.JsonBody;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Size caps on what a request may carry, checked before anything reads it: the body (413), the query string
 * (414), the headers together (431), each with the error body, and the body's nesting depth (400, before
 * any JSON reader recurses into it). The JSON inside a body is bounded further where it is parsed
 * ({@link JsonBody}: string length, one JSON text). Configuration
 * {@code cauri.request-limits.*}; the defaults sit well above any valid request.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestLimitsFilter implements Ordered {
    public static final int ORDER = SecurityHeadersFilter.ORDER + 10;
    /** The longest path segment as sent (percent-encoded): a client token, the longest, is under 400. */
    public static final int MAX_SEGMENT_CHARS = 1024;
    public static final int MAX_PATH_CHARS = 2048;

    private final GatewayRequest gateway;
    private final long maxBodyBytes;
    private final int maxQueryChars;
    private final int maxHeaderBytes;

    public RequestLimitsFilter(@Nullable GatewayRequest gateway,
                               @Value("${cauri.request-limits.max-body-bytes:65536}") long maxBodyBytes,
                               @Value("${cauri.request-limits.max-query-chars:4096}") int maxQueryChars,
                               @Value("${cauri.request-limits.max-header-bytes:8192}") int maxHeaderBytes) {
        this.gateway = gateway;
        this.maxBodyBytes = maxBodyBytes;
        this.maxQueryChars = maxQueryChars;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        String path = request.getUri().getRawPath();
        if (path != null && (path.length() > MAX_PATH_CHARS || longestSegment(path) > MAX_SEGMENT_CHARS)) {
            // no route has a segment this long (ids and tokens are far shorter); refused before anything
            // (the rate limiter's keys, a lookup) is built from it
            return ErrorResponses.of(request, ApiException.of(Refusal.URI_TOO_LONG,
                    "The path is longer than " + MAX_PATH_CHARS + " characters or has a segment longer than "
                            + MAX_SEGMENT_CHARS + ".", null));
        }
        String query = request.getUri().getRawQuery();
        if (query != null && query.length() > maxQueryChars) {
            return ErrorResponses.of(request, ApiException.of(Refusal.URI_TOO_LONG,
                    "The query string is longer than " + maxQueryChars + " characters.", null));
        }
        long headerBytes = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders()) {
            for (String value : header.getValue()) {
                headerBytes += header.getKey().length() + value.length() + 4; // "name: value\r\n"
            }
        }
        if (headerBytes > maxHeaderBytes) {
            return ErrorResponses.of(request, ApiException.of(Refusal.HEADERS_TOO_LARGE,
                    "The request headers are larger than " + maxHeaderBytes + " bytes together.", null));
        }
        OptionalLong body = gateway == null ? OptionalLong.empty() : gateway.bodyBytes(request);
        long bodyBytes = body.isPresent() ? body.getAsLong() : request.getContentLength();
        if (bodyBytes > maxBodyBytes) {
            return ErrorResponses.of(request, ApiException.of(Refusal.REQUEST_TOO_LARGE,
                    "The request body is larger than " + maxBodyBytes + " bytes.", null));
        }
        if (gateway != null && gateway.bodyText(request)
                .filter(text -> JsonBody.nestsDeeperThan(text, JsonBody.MAX_DEPTH)).isPresent()) {
            return ErrorResponses.of(request, ApiException.of(Refusal.INVALID_JSON,
                    "The request body is nested deeper than " + JsonBody.MAX_DEPTH + " levels.", null));
        }
        return null;
    }

    private static int longestSegment(String path) {
        int longest = 0;
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                longest = Math.max(longest, i - start);
                start = i + 1;
            }
        }
        return longest;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
