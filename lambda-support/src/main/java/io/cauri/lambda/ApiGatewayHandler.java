package io.cauri.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.cauri.id.Ids;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ErrorCode;
import io.cauri.web.log.RequestLog;
import io.cauri.web.guard.SecurityHeadersFilter;
import io.cauri.init.InitEagerly;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda handler of every HTTP function (template.yaml's {@code Handler}): Micronaut's API Gateway v2
 * handler, behind the checks it does not make gracefully (each found by the hostile-request property tests):
 * <ul>
 *   <li>Micronaut validates header names and values when it first reads the request's headers, and a value with
 *       a control character (NUL, ESC, DEL, …) makes that throw on every later read, error path included — a
 *       500 without a body. Such a request is answered 400 here. Whitespace around a value is not part of it
 *       (RFC 9110 §5.5) and is trimmed, as a proxy would.</li>
 *   <li>A path or query string with a malformed percent-escape ({@code %zz}) makes Micronaut's URI parsing throw
 *       out of the handler: 400 here.</li>
 *   <li>A body on GET, HEAD or DELETE is dropped: no such route reads one, and Micronaut would parse a form
 *       body into the query parameters (a malformed one failing as a 500). A form body with a malformed escape on
 *       another method is 400 for the same reason, and a multipart body 415 (no route takes one).</li>
 *   <li>Anything still thrown out of Micronaut becomes a 500 with the HUB2 body, never an invocation error.</li>
 *   <li>An error Micronaut answers without a body gets the HUB2 body: its CORS filter refuses a foreign
 *       {@code Origin} on a local host (local-api) with a bare 403.</li>
 * </ul>
 * Each of these answers writes the one request log line too.
 * <p>
 * Its context ({@link #contextBuilder()}) creates at init what every request needs and nothing else.
 */
public class ApiGatewayHandler extends APIGatewayV2HTTPEventFunction {

    public ApiGatewayHandler() {
        super();
    }

    public ApiGatewayHandler(ApplicationContext context) {
        super(context);
    }

    /**
     * Micronaut's Lambda builder ({@code LambdaApplicationContextBuilder}), less its eager singletons: it would
     * create every singleton in the jar at init — in create-intent half of them are the webhook, rate-limit
     * window, delivery-log and provider beans of other routes. Created at init instead: the controllers with
     * what they inject, the server filters, and the {@link InitEagerly} cold-start work; any other bean when a
     * request first needs it. (Eager singletons cannot be switched off on that builder, hence a fresh one.)
     * Configuration beans are not created eagerly either (that builder does): the server and client SSL,
     * multipart, file-type and host-resolution configurations a Lambda proxy never reads were 12 beans of every
     * cold start.
     * Tests build their contexts with this too (shared-model's {@code LocalFunction}).
     */
    public static ApplicationContextBuilder contextBuilder() {
        return ApplicationContext.builder()
                .environments(Environment.FUNCTION, "lambda")
                .eagerInitAnnotated(Controller.class, ServerFilter.class, InitEagerly.class);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return contextBuilder();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        if (event.getHeaders() != null && !event.getHeaders().isEmpty()) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                String name = header.getKey();
                String value = header.getValue() == null ? "" : header.getValue().strip();
                if (!isToken(name) || !isFieldValue(value)) {
                    return answer(event, Refusal.INVALID_PARAMETER,
                            "A header name or value contains a control character.", name == null ? "" : name, started, null);
                }
                headers.put(name, value);
            }
            event.setHeaders(headers);
        }
        String path = event.getRawPath();
        if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            path = path != null ? path : event.getRequestContext().getHttp().getPath();
        }
        if (!hasValidEscapes(path)) {
            return answer(event, Refusal.INVALID_PARAMETER, "The path has a malformed percent-escape.", "path",
                    started, null);
        }
        if (!hasValidEscapes(event.getRawQueryString())) {
            return answer(event, Refusal.INVALID_PARAMETER, "The query string has a malformed percent-escape.",
                    "query", started, null);
        }
        String method = method(event);
        if ("GET".equals(method) || "HEAD".equals(method) || "DELETE".equals(method)) {
            event.setBody(null);
            event.setIsBase64Encoded(false);
        } else if (contentTypeStartsWith(event, "multipart/")) {
            // no route takes multipart, and Micronaut's multipart decoding fails on a malformed one as a 500
            return answer(event, Refusal.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.",
                    "Content-Type", started, null);
        } else if (event.getBody() != null && contentTypeStartsWith(event, "application/x-www-form-urlencoded")
                && !hasValidEscapes(ApiGatewayRequest.bodyText(event).orElse("%").toString())) { // not base64: malformed too
            return answer(event, Refusal.INVALID_PARAMETER, "The form body has a malformed percent-escape.",
                    "body", started, null);
        }
        try {
            return withErrorBody(super.handleRequest(event, context), method);
        } catch (RuntimeException escaped) {
            return answer(event, Refusal.INTERNAL_ERROR, "Internal error.", null, started,
                    io.cauri.web.error.ErrorResponses.describe(escaped));
        } finally {
            io.cauri.correlation.Correlation.clear(); // the request's scope ends with it, whatever happened
        }
    }

    /**
     * An error response without a body, given the HUB2 error body (the request was logged, and has its
     * {@code Request-Id}, already). A HEAD response keeps no body.
     */
    static APIGatewayV2HTTPResponse withErrorBody(APIGatewayV2HTTPResponse response, String method) {
        int status = response.getStatusCode();
        if (status < 400 || (response.getBody() != null && !response.getBody().isEmpty()) || "HEAD".equals(method)) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.putIfAbsent(name, String.join(",", values)));
        }
        String requestId = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Request-Id"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (requestId == null) {
            requestId = Ids.next(Ids.REQUEST);
            headers.put("Request-Id", requestId);
        }
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length"));
        headers.put("Content-Type", "application/json");
        String code = ErrorCode.forStatus(status);
        // Micronaut's only bodiless 403 is its CORS filter's refusal of a foreign Origin
        String message = status == 403 ? "The request was refused: its Origin may not call this host."
                : status >= 500 ? "Internal error." : "The request was refused (HTTP " + status + ").";
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withCookies(response.getCookies())
                .withBody(errorBody(status, code, message, requestId, status == 403 ? "Origin" : null))
                .withIsBase64Encoded(false)
                .build();
    }

    private static String errorBody(int status, String code, String message, String requestId, String param) {
        return "{\"status\":" + status + ",\"code\":" + RequestLog.quote(code)
                + ",\"message\":" + RequestLog.quote(message)
                + ",\"request_id\":" + RequestLog.quote(requestId)
                + (param == null ? "" : ",\"param\":" + RequestLog.quote(param)) + "}";
    }

    /** Micronaut decodes a form body into the request's parameters (and throws on a malformed escape). */
    private static boolean contentTypeStartsWith(APIGatewayV2HTTPEvent event, String type) {
        if (event.getHeaders() == null) {
            return false;
        }
        return event.getHeaders().entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("content-type")
                && h.getValue().toLowerCase(java.util.Locale.ROOT).startsWith(type));
    }

    /** Every {@code %} starts {@code %XX} with two hex digits. */
    static boolean hasValidEscapes(String raw) {
        if (raw == null) {
            return true;
        }
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 token: what Micronaut accepts as a header name. */
    static boolean isToken(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A trimmed field value Micronaut accepts: no control character but tab inside, none at all first. */
    static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0x7f || (c < 0x20 && (c != '\t' || i == 0))) {
                return false;
            }
        }
        return true;
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : null;
    }

    /** The HUB2 error body, answered here (Micronaut never saw the request, or failed on it). */
    private static APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, Refusal refusal, String message,
                                                   String param, long started, String failure) {
        int status = ErrorCode.status(refusal);
        String code = refusal.wire();
        String requestId = Ids.next(Ids.REQUEST);
        String body = errorBody(status, code, message, requestId, param);
        RequestLog.write(requestId, null, method(event), status >= 500 ? "(failed outside routing)" : "(refused before routing)",
                status, (System.nanoTime() - started) / 1_000_000, failure);
        Map<String, String> headers = new LinkedHashMap<>(SecurityHeadersFilter.JSON_RESPONSE_HEADERS);
        headers.put("Content-Type", "application/json");
        headers.put("Request-Id", requestId);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
