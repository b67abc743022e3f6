package io.cauri.bench.event;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code events/<function>/*.json} file (API Gateway HTTP API payload 2.0) turned into the
 * {@link APIGatewayV2HTTPEvent} the Lambda runtime would hand to the handler.
 * <p>
 * In Lambda the runtime deserialises the event with its own (pre-loaded) Jackson; the function jar has no
 * jackson-databind, so this reads the file with jackson-core's streaming parser, which the function jar does
 * hold (Micronaut serde uses it). Only the fields of payload 2.0 that API Gateway sends without an
 * authorizer are mapped; an event with an {@code authorizer} is refused rather than silently truncated.
 */
public final class EventFile {
    private static final Pattern EXPECTED_STATUS = Pattern.compile(".*-(\\d{3})\\.json");

    private EventFile() {
    }

    /** The status a sample event must be answered with, from its name ({@code …-NNN.json}). */
    public static int expectedStatus(Path file) {
        Matcher m = EXPECTED_STATUS.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file + " must be named …-<expected status>.json");
        }
        return Integer.parseInt(m.group(1));
    }

    public static APIGatewayV2HTTPEvent read(Path file) throws IOException {
        Map<String, Object> json;
        try (JsonParser parser = new JsonFactory().createParser(Files.readAllBytes(file))) {
            json = asMap(value(parser, parser.nextToken()));
        }
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(string(json.get("version")));
        event.setRouteKey(string(json.get("routeKey")));
        event.setRawPath(string(json.get("rawPath")));
        event.setRawQueryString(string(json.get("rawQueryString")));
        event.setCookies(strings(json.get("cookies")));
        event.setHeaders(stringMap(json.get("headers")));
        event.setQueryStringParameters(stringMap(json.get("queryStringParameters")));
        event.setPathParameters(stringMap(json.get("pathParameters")));
        event.setStageVariables(stringMap(json.get("stageVariables")));
        event.setBody(string(json.get("body")));
        event.setIsBase64Encoded(Boolean.TRUE.equals(json.get("isBase64Encoded")));

        Map<String, Object> rc = asMap(json.get("requestContext"));
        if (rc != null) {
            if (rc.get("authorizer") != null) {
                throw new IllegalArgumentException(file + ": events with an authorizer are not supported by the bench");
            }
            APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
            context.setRouteKey(string(rc.get("routeKey")));
            context.setAccountId(string(rc.get("accountId")));
            context.setStage(string(rc.get("stage")));
            context.setApiId(string(rc.get("apiId")));
            context.setDomainName(string(rc.get("domainName")));
            context.setDomainPrefix(string(rc.get("domainPrefix")));
            context.setTime(string(rc.get("time")));
            if (rc.get("timeEpoch") instanceof Number n) {
                context.setTimeEpoch(n.longValue());
            }
            context.setRequestId(string(rc.get("requestId")));
            Map<String, Object> http = asMap(rc.get("http"));
            if (http != null) {
                APIGatewayV2HTTPEvent.RequestContext.Http h = new APIGatewayV2HTTPEvent.RequestContext.Http();
                h.setMethod(string(http.get("method")));
                h.setPath(string(http.get("path")));
                h.setProtocol(string(http.get("protocol")));
                h.setSourceIp(string(http.get("sourceIp")));
                h.setUserAgent(string(http.get("userAgent")));
                context.setHttp(h);
            }
            event.setRequestContext(context);
        }
        return event;
    }

    private static Object value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    map.put(name, value(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, t));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }

    private static List<String> strings(Object o) {
        if (o == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) o) {
            out.add(string(item));
        }
        return out;
    }

    private static Map<String, String> stringMap(Object o) {
        if (o == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        asMap(o).forEach((k, v) -> out.put(k, string(v)));
        return out;
    }
}
