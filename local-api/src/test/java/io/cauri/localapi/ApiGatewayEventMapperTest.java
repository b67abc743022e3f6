package io.cauri.localapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real HTTP requests through a JDK server whose handler maps them with {@link ApiGatewayEventMapper}: the
 * event must look like API Gateway's payload 2.0, and the response must reach the client unchanged.
 */
class ApiGatewayEventMapperTest {

    private static final Route ROUTE = new Route("POST", "/things/{id}", "ThingFunction");

    private final AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
    private final AtomicReference<APIGatewayV2HTTPResponse> reply = new AtomicReference<>(
            APIGatewayV2HTTPResponse.builder().withStatusCode(204).build());
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            Router.Match match = new Router(List.of(ROUTE))
                    .find(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()).orElseThrow();
            seen.set(ApiGatewayEventMapper.toEvent(exchange, match, "req_test"));
            ApiGatewayEventMapper.write(exchange, reply.get(), "req_test");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void mapsATextRequestLikeApiGatewayPayload2() throws Exception {
        send(HttpRequest.newBuilder(uri("/things/t%201?tag=a&tag=b&q=x%26y&empty"))
                .header("Content-Type", "application/json")
                .header("X-Multi", "one").header("X-Multi", "two")
                .header("Cookie", "session=abc; theme=dark")
                .header("User-Agent", "mapper-test")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":1000,\"note\":\"café\"}")));

        APIGatewayV2HTTPEvent event = seen.get();
        assertEquals("2.0", event.getVersion());
        assertEquals("POST /things/{id}", event.getRouteKey());
        assertEquals("/things/t%201", event.getRawPath());
        assertEquals("tag=a&tag=b&q=x%26y&empty", event.getRawQueryString());
        assertEquals(Map.of("tag", "a,b", "q", "x&y", "empty", ""), event.getQueryStringParameters());
        assertEquals(Map.of("id", "t 1"), event.getPathParameters());
        assertEquals("application/json", event.getHeaders().get("content-type"));
        assertEquals("one,two", event.getHeaders().get("x-multi"));
        assertEquals("127.0.0.1", event.getHeaders().get("x-forwarded-for"));
        assertTrue(event.getHeaders().keySet().stream().allMatch(h -> h.equals(h.toLowerCase())), "header names lower-cased");
        assertFalse(event.getHeaders().containsKey("cookie"), "cookies are moved to their own field");
        assertEquals(List.of("session=abc", "theme=dark"), event.getCookies());
        assertEquals("{\"amount\":1000,\"note\":\"café\"}", event.getBody());
        assertFalse(event.getIsBase64Encoded());

        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertEquals("POST /things/{id}", context.getRouteKey());
        assertEquals("$default", context.getStage());
        assertEquals("local", context.getApiId());
        assertEquals("req_test", context.getRequestId());
        assertEquals("127.0.0.1", context.getDomainName());
        assertTrue(Math.abs(System.currentTimeMillis() - context.getTimeEpoch()) < 60_000);
        assertTrue(context.getTime().matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"), context.getTime());
        assertEquals("POST", context.getHttp().getMethod());
        assertEquals("/things/t%201", context.getHttp().getPath());
        assertEquals("HTTP/1.1", context.getHttp().getProtocol());
        assertEquals("127.0.0.1", context.getHttp().getSourceIp());
        assertEquals("mapper-test", context.getHttp().getUserAgent());
    }

    @Test
    void base64EncodesBinaryBodies() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        send(HttpRequest.newBuilder(uri("/things/1")).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)));
        assertTrue(seen.get().getIsBase64Encoded());
        assertArrayEquals(png, Base64.getDecoder().decode(seen.get().getBody()));

        send(HttpRequest.newBuilder(uri("/things/1")).POST(HttpRequest.BodyPublishers.ofByteArray(png)));
        assertTrue(seen.get().getIsBase64Encoded(), "bytes that are not UTF-8 are base64 whatever the type");

        send(HttpRequest.newBuilder(uri("/things/1")).header("Content-Type", "application/problem+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertFalse(seen.get().getIsBase64Encoded());
        assertEquals("{}", seen.get().getBody());
    }

    @Test
    void requestWithoutQueryOrBodyHasNullFields() throws Exception {
        send(HttpRequest.newBuilder(uri("/things/1")).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals("", seen.get().getRawQueryString());
        assertNull(seen.get().getQueryStringParameters());
        assertNull(seen.get().getCookies());
        assertNull(seen.get().getBody());
    }

    @Test
    void writesBackStatusHeadersCookiesAndDecodedBody() throws Exception {
        byte[] bytes = {1, 2, 3, (byte) 0xfe};
        reply.set(APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/octet-stream", "X-One", "1"))
                .withMultiValueHeaders(Map.of("X-Many", List.of("a", "b"), "X-One", List.of("ignored")))
                .withCookies(List.of("session=xyz; HttpOnly", "theme=light"))
                .withBody(Base64.getEncoder().encodeToString(bytes))
                .withIsBase64Encoded(true)
                .build());

        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/things/1")).POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(201, response.statusCode());
        assertArrayEquals(bytes, response.body());
        assertEquals("application/octet-stream", response.headers().firstValue("content-type").orElseThrow());
        assertEquals(List.of("1"), response.headers().allValues("x-one"));
        assertEquals(List.of("a", "b"), response.headers().allValues("x-many"));
        assertEquals(List.of("session=xyz; HttpOnly", "theme=light"), response.headers().allValues("set-cookie"));
        assertEquals("req_test", response.headers().firstValue("apigw-requestid").orElseThrow());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
