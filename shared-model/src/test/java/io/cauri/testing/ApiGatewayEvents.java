package io.cauri.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * API Gateway HTTP API (payload 2.0) events as API Gateway sends them: lower-cased header names,
 * raw and parsed query string, request context with method, path and source IP.
 */
public final class ApiGatewayEvents {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private String body;
    private boolean base64;
    private String sourceIp = "127.0.0.1";

    private ApiGatewayEvents(String method, String path) {
        this.method = method;
        this.path = path;
    }

    public static ApiGatewayEvents request(String method, String path) {
        return new ApiGatewayEvents(method, path);
    }

    public static ApiGatewayEvents get(String path) {
        return request("GET", path);
    }

    public static ApiGatewayEvents post(String path, String json) {
        return request("POST", path).header("Content-Type", "application/json").body(json);
    }

    public ApiGatewayEvents header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    /** HUB2 server credentials. */
    public ApiGatewayEvents auth(String merchantId, String apiKey, String environment) {
        return header("ApiKey", apiKey).header("MerchantId", merchantId).header("Environment", environment);
    }

    public ApiGatewayEvents query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public ApiGatewayEvents body(String json) {
        this.body = json;
        return this;
    }

    /** The body as API Gateway sends a binary one: base64 of its bytes, {@code isBase64Encoded}. */
    public ApiGatewayEvents base64Body(byte[] bytes) {
        this.body = java.util.Base64.getEncoder().encodeToString(bytes);
        this.base64 = true;
        return this;
    }

    /** The caller's address as API Gateway saw it ({@code requestContext.http.sourceIp}). */
    public ApiGatewayEvents sourceIp(String ip) {
        this.sourceIp = ip;
        return this;
    }

    public APIGatewayV2HTTPEvent build() {
        StringJoiner raw = new StringJoiner("&");
        query.forEach((k, v) -> raw.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(raw.toString())
                .withQueryStringParameters(query.isEmpty() ? null : new LinkedHashMap<>(query))
                .withHeaders(new LinkedHashMap<>(headers))
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("test-" + System.nanoTime())
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp(sourceIp)
                                .withUserAgent("cauri-tests")
                                .build())
                        .build())
                .build();
    }
}
