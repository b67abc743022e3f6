package io.cauri.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A function's real Lambda handler (lambda-support's {@code io.cauri.lambda.ApiGatewayHandler}, the class
 * template.yaml names, over Micronaut's {@link APIGatewayV2HTTPEventFunction}), configured as in AWS but pointed
 * at DynamoDB Local. One per test class, like one warm container.
 */
public final class LocalFunction implements AutoCloseable {
    /** One random signing key per test JVM: never a literal, and every function of the JVM shares it. */
    public static final String SIGNING_KEY = Base64.getUrlEncoder().withoutPadding()
            .encodeToString(random32());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HANDLER = "io.cauri.lambda.ApiGatewayHandler";

    private final APIGatewayV2HTTPEventFunction handler;

    public LocalFunction() {
        this(Map.of());
    }

    public LocalFunction(Map<String, Object> extraProperties) {
        this(extraProperties, new Object[0]);
    }

    /**
     * With beans of the test's own, registered before the context starts: a {@link java.time.Clock} given
     * here replaces the system clock (e.g. a {@link MovableClock}).
     */
    public LocalFunction(Map<String, Object> extraProperties, Object... singletons) {
        Map<String, Object> properties = new HashMap<>(properties());
        properties.putAll(extraProperties);
        ApplicationContext context = contextBuilder().properties(properties).singletons(singletons).build();
        this.handler = handler(context);
    }

    /** The handler's own context configuration (what it creates at init); Micronaut's Lambda builder without it. */
    private static ApplicationContextBuilder contextBuilder() {
        try {
            return (ApplicationContextBuilder) Class.forName(HANDLER).getMethod("contextBuilder").invoke(null);
        } catch (ClassNotFoundException absent) {
            return new LambdaApplicationContextBuilder();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot configure the context of " + HANDLER, e);
        }
    }

    /** template.yaml's handler; a module without lambda-support on its classpath gets Micronaut's own. */
    private static APIGatewayV2HTTPEventFunction handler(ApplicationContext context) {
        try {
            return (APIGatewayV2HTTPEventFunction) Class.forName(HANDLER).getConstructor(ApplicationContext.class)
                    .newInstance(context);
        } catch (ClassNotFoundException absent) {
            return new APIGatewayV2HTTPEventFunction(context);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + HANDLER, e);
        }
    }

    /** The configuration a function gets in tests and local-api: DynamoDB Local, a random signing key. */
    public static Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1); // api-proxy-test on the classpath would otherwise bind 8080
        p.put("cauri.dynamodb.endpoint", DynamoDbLocal.shared().endpoint());
        p.put("cauri.token.signing-key", SIGNING_KEY);
        // every test request comes from 127.0.0.1: the rate-limit tests turn the limits on for themselves
        p.put("cauri.rate-limits.enabled", false);
        return p;
    }

    public ApplicationContext context() {
        return handler.getApplicationContext();
    }

    public Response handle(ApiGatewayEvents event) {
        return handle(event.build());
    }

    public Response handle(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new MockLambdaContext());
        String body = response.getBody();
        if (body != null && response.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> headers.putIfAbsent(k, String.join(",", v)));
        }
        return new Response(response.getStatusCode(), headers, body);
    }

    @Override
    public void close() {
        handler.close();
    }

    private static byte[] random32() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** What API Gateway would send back, with the body parsed for field-by-field assertions. */
    public record Response(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("response body is not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name);
        }
    }
}
