package io.cauri.web.guard;

import io.micronaut.http.HttpRequest;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the API Gateway event says about a request that Micronaut's request does not: the caller's address as
 * API Gateway saw it ({@code requestContext.http.sourceIp}, never a client-supplied header such as
 * {@code X-Forwarded-For}) and the body's size before it is read. Implemented where the Lambda event types
 * live (lambda-support).
 */
public interface GatewayRequest {

    Optional<String> sourceIp(HttpRequest<?> request);

    /** The body's size in bytes as received (decoded if API Gateway sent it base64-encoded). */
    OptionalLong bodyBytes(HttpRequest<?> request);

    /**
     * The body as received, for checks that must run before any JSON reader sees it. A base64-encoded body is
     * decoded to one char per byte (ISO-8859-1): JSON's structural characters are ASCII, so they read the same.
     */
    Optional<CharSequence> bodyText(HttpRequest<?> request);
}
