package io.cauri.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.cauri.web.guard.GatewayRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link GatewayRequest} read from the API Gateway HTTP API (payload 2.0) event behind Micronaut's request. */
@Singleton
public class ApiGatewayRequest implements GatewayRequest {

    @Override
    public Optional<String> sourceIp(HttpRequest<?> request) {
        return event(request)
                .map(APIGatewayV2HTTPEvent::getRequestContext)
                .map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getSourceIp);
    }

    @Override
    public OptionalLong bodyBytes(HttpRequest<?> request) {
        Optional<APIGatewayV2HTTPEvent> event = event(request);
        if (event.isEmpty()) {
            return OptionalLong.empty();
        }
        String body = event.get().getBody();
        if (body == null) {
            return OptionalLong.of(0);
        }
        if (event.get().getIsBase64Encoded()) {
            int padding = body.endsWith("==") ? 2 : body.endsWith("=") ? 1 : 0;
            return OptionalLong.of(body.length() / 4L * 3 - padding); // decoded size, without decoding
        }
        return OptionalLong.of(utf8Length(body));
    }

    @Override
    public Optional<CharSequence> bodyText(HttpRequest<?> request) {
        return event(request).flatMap(ApiGatewayRequest::bodyText);
    }

    /**
     * The body's characters as sent, a base64 body's bytes read as Latin-1 (JSON's structure and percent-escapes
     * are ASCII, so they read the same); empty without a body, or when a body said to be base64 is not.
     */
    static Optional<CharSequence> bodyText(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null || !event.getIsBase64Encoded()) {
            return Optional.ofNullable(event.getBody());
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static Optional<APIGatewayV2HTTPEvent> event(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
            return Optional.of(event);
        }
        return Optional.empty();
    }

    /** UTF-8 size of a string, counted without encoding it (a large body is not copied to be measured). */
    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
