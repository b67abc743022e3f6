package io.cauri.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.cauri.id.Ids;
import io.cauri.web.ErrorCode;
import io.cauri.web.RequestLog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda handler of every HTTP function (template.yaml's {@code Handler}): Micronaut's API Gateway v2
 * handler, behind one check it does not make gracefully. Micronaut validates header names and values when it
 * first reads the request's headers, and a value with a control character (NUL, ESC, DEL, …) makes that throw
 * on every later read, error path included — a 500 without a body. Here such a request is answered 400 with
 * the HUB2 error body before Micronaut sees it. Whitespace around a value is not part of it (RFC 9110 §5.5)
 * and is trimmed, as a proxy would.
 */
public class ApiGatewayHandler extends APIGatewayV2HTTPEventFunction {

    public ApiGatewayHandler() {
        super();
    }

    public ApiGatewayHandler(ApplicationContext context) {
        super(context);
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
                    return refuse(event, name, started);
                }
                headers.put(name, value);
            }
            event.setHeaders(headers);
        }
        return super.handleRequest(event, context);
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

    private static APIGatewayV2HTTPResponse refuse(APIGatewayV2HTTPEvent event, String name, long started) {
        String requestId = Ids.next(Ids.REQUEST);
        String param = name == null ? "" : name;
        String body = "{\"status\":400,\"code\":" + RequestLog.quote(ErrorCode.INVALID_PARAMETER)
                + ",\"message\":" + RequestLog.quote("A header name or value contains a control character.")
                + ",\"request_id\":" + RequestLog.quote(requestId)
                + ",\"param\":" + RequestLog.quote(param) + "}";
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : null;
        RequestLog.write(requestId, null, method, "(refused before routing)", 400,
                (System.nanoTime() - started) / 1_000_000, null);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(400)
                .withHeaders(Map.of("Content-Type", "application/json", "Request-Id", requestId))
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
