package io.cauri.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one Secrets Manager call the connector settings make, GetSecretValue, on 127.0.0.1 and strict about it as
 * the service is (AWS JSON 1.1): {@code POST /}, {@code Content-Type: application/x-amz-json-1.1},
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}, a SigV4 {@code Authorization} header for the service
 * {@code secretsmanager}, a body {@code {"SecretId": "..."}} and nothing else it does not know. It answers
 * {@code {"ARN", "Name", "VersionId", "SecretString", "CreatedDate"}} or a {@code ResourceNotFoundException}
 * (400, {@code __type}); any other request is a 400 the SDK reports as an error. Counts the reads per secret.
 */
public final class FakeSecretsManager implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;

    private FakeSecretsManager(HttpServer server) {
        this.server = server;
    }

    public static FakeSecretsManager start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        FakeSecretsManager fake = new FakeSecretsManager(server);
        server.createContext("/", fake::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return fake;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A client signed with fixed credentials, pointed here. */
    public SecretsManagerClient client() {
        return SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    /** Creates or replaces (a rotation) the secret string of a secret. */
    public void put(String secretId, String secretString) {
        secrets.put(secretId, secretString);
    }

    public void delete(String secretId) {
        secrets.remove(secretId);
    }

    /** Each answer waits this long first (lets concurrent readers pile up behind the first). */
    public void delay(long millis) {
        this.delayMillis = millis;
    }

    /** GetSecretValue calls for this secret id that reached the handler with a well-formed request. */
    public int reads(String secretId) {
        AtomicInteger n = reads.get(secretId);
        return n == null ? 0 : n.get();
    }

    /** Why requests were refused as malformed (empty when every request was what the service expects). */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String problem = problem(exchange, body);
            if (problem != null) {
                refused.add(problem);
                answer(exchange, 400, error("ValidationException", problem));
                return;
            }
            String secretId = JSON.readTree(body).get("SecretId").asText();
            reads.computeIfAbsent(secretId, id -> new AtomicInteger()).incrementAndGet();
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String value = secrets.get(secretId);
            if (value == null) {
                answer(exchange, 400, error("ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret."));
                return;
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + secretId + "-AbCdEf");
            out.put("Name", secretId);
            out.put("VersionId", UUID.randomUUID().toString());
            out.put("SecretString", value);
            out.putArray("VersionStages").add("AWSCURRENT");
            out.put("CreatedDate", System.currentTimeMillis() / 1000.0);
            answer(exchange, 200, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String problem(HttpExchange exchange, byte[] body) {
        if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
            return "not POST /: " + exchange.getRequestMethod() + " " + exchange.getRequestURI();
        }
        if (!"secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
            return "X-Amz-Target is " + exchange.getRequestHeaders().getFirst("X-Amz-Target");
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/x-amz-json-1.1")) {
            return "Content-Type is " + type;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=")
                || !auth.contains("/secretsmanager/aws4_request") || !auth.contains("Signature=")) {
            return "no SigV4 Authorization for secretsmanager: " + auth;
        }
        if (exchange.getRequestHeaders().getFirst("X-Amz-Date") == null) {
            return "no X-Amz-Date";
        }
        try {
            JsonNode request = JSON.readTree(body);
            if (request == null || !request.isObject() || !request.path("SecretId").isTextual()) {
                return "no SecretId string in the body";
            }
            for (var names = request.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!List.of("SecretId", "VersionId", "VersionStage").contains(name)) {
                    return "unknown member " + name;
                }
            }
        } catch (IOException e) {
            return "body is not JSON";
        }
        return null;
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("__type", type);
        error.put("message", message);
        return error;
    }

    private static void answer(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** Convenience for tests: the body of a connector secret. */
    public static String json(Map<String, String> settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
