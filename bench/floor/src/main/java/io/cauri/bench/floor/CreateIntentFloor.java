package io.cauri.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * bench/coldstart's floor for {@code POST /payment-intents}: the least a JVM Lambda can do for this route, with no
 * framework. It reads the API Gateway v2 event Lambda's runtime hands it, checks the fields create-intent checks
 * (the caller's headers, the body's references, a positive amount, a known currency), makes one conditional
 * {@code PutItem} on the intents table with the DynamoDB client shared-model's {@code DynamoDbFactory} builds (the
 * URL-connection HTTP client, the same timeouts and retries, region and credentials read from Lambda's
 * environment), and answers 201 with the intent's JSON and an HMAC-signed token.
 * <p>
 * What it leaves out on purpose, so that it stays a floor: the merchant's API key is not looked up (create-intent
 * reads the merchant), no rate-limit window is counted, no idempotency record, no request log line.
 * Not production code: it is only ever run by bench/coldstart.
 */
public final class CreateIntentFloor implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Set<String> CURRENCIES = Set.of("XOF", "XAF", "GNF", "EUR", "USD");
    private static final JsonFactory JSON = new JsonFactory();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DynamoDbClient dynamo;
    private final String table;
    private final SecretKeySpec signingKey;

    public CreateIntentFloor() {
        Duration timeout = Duration.ofSeconds(2);
        int maxAttempts = 3;
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(timeout)
                        .build())
                .overrideConfiguration(c -> c
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build())
                        .apiCallAttemptTimeout(timeout)
                        .apiCallTimeout(timeout.multipliedBy(maxAttempts)));
        String endpoint = setting("cauri.dynamodb.endpoint", "CAURI_DYNAMODB_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            String region = System.getenv("AWS_REGION");
            if (region != null) {
                builder.region(Region.of(region));
            }
            builder.credentialsProvider(credentials());
        }
        this.dynamo = builder.build();
        String t = setting("cauri.tables.intents", "CAURI_TABLES_INTENTS");
        this.table = t == null || t.isBlank() ? "cauri-intents" : t;
        String key = setting("cauri.token.signing-key", "CAURI_TOKEN_SIGNING_KEY");
        if (key == null || key.length() < 32) {
            throw new IllegalStateException("cauri.token.signing-key: at least 32 characters");
        }
        this.signingKey = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        String merchantId = headers.get("merchantid");
        String apiKey = headers.get("apikey");
        if (blank(merchantId) || blank(apiKey)) {
            return error(401, "unauthorized", "apikey and merchantid headers are required", null);
        }
        String mode = "sandbox".equals(headers.get("environment")) ? "sandbox" : "live";
        Map<String, Object> body;
        try {
            body = readObject(event.getBody());
        } catch (IOException | RuntimeException e) {
            return error(400, "invalid_json", "the body is not a JSON object", null);
        }
        String customerReference = string(body.get("customerReference"));
        String purchaseReference = string(body.get("purchaseReference"));
        if (blank(customerReference)) {
            return error(400, "parameter_missing", "customerReference is required", "customerReference");
        }
        if (blank(purchaseReference)) {
            return error(400, "parameter_missing", "purchaseReference is required", "purchaseReference");
        }
        if (!(body.get("amount") instanceof Long amount) || amount <= 0) {
            return error(400, "parameter_invalid", "amount must be a positive integer", "amount");
        }
        String currency = string(body.get("currency"));
        if (currency == null || !CURRENCIES.contains(currency)) {
            return error(400, "parameter_invalid", "currency is not supported", "currency");
        }

        String id = "pi_" + randomId();
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(id));
        item.put("merchantId", AttributeValue.fromS(merchantId));
        item.put("mode", AttributeValue.fromS(mode));
        item.put("amount", AttributeValue.fromN(Long.toString(amount)));
        item.put("currency", AttributeValue.fromS(currency));
        item.put("customerReference", AttributeValue.fromS(customerReference));
        item.put("purchaseReference", AttributeValue.fromS(purchaseReference));
        item.put("status", AttributeValue.fromS("payment_required"));
        item.put("createdAt", AttributeValue.fromS(now));
        item.put("updatedAt", AttributeValue.fromS(now));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(id)"));
        } catch (ConditionalCheckFailedException e) {
            return error(409, "conflict", "an intent with this id exists", null);
        }

        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("merchantId", merchantId);
            g.writeStringField("createdAt", now);
            g.writeStringField("updatedAt", now);
            g.writeStringField("token", token(id, merchantId));
            g.writeStringField("purchaseReference", purchaseReference);
            g.writeStringField("customerReference", customerReference);
            g.writeStringField("status", "payment_required");
            g.writeNumberField("amount", amount);
            g.writeStringField("currency", currency);
            g.writeArrayFieldStart("payments");
            g.writeEndArray();
            g.writeStringField("mode", mode);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return response(201, out.toString());
    }

    private String token(String intentId, String merchantId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(("{\"sub\":\"" + intentId + "\",\"mid\":\"" + merchantId + "\",\"exp\":"
                + Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(signingKey);
            return payload + "." + b64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> readObject(String body) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser p = JSON.createParser(body == null ? "" : body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (t) {
                    case VALUE_STRING -> fields.put(name, p.getText());
                    case VALUE_NUMBER_INT -> fields.put(name, p.getLongValue());
                    case START_OBJECT, START_ARRAY -> p.skipChildren();
                    default -> fields.put(name, p.getText());
                }
            }
        }
        return fields;
    }

    private static APIGatewayV2HTTPResponse error(int status, String code, String message, String param) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            if (param != null) {
                g.writeStringField("param", param);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return response(status, out.toString());
    }

    private static APIGatewayV2HTTPResponse response(int status, String json) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(json)
                .build();
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 21);
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        return v != null ? v : System.getenv(env);
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static AwsCredentialsProvider credentials() {
        return System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
    }
}
