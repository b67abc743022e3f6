package io.cauri.bench.peer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * bench/coldstart's peer for {@code POST /payment-intents}: the route as a Java team would otherwise write it, a
 * Spring Boot application whose one {@link Function} bean Spring Cloud Function's AWS adapter
 * ({@code org.springframework.cloud.function.adapter.aws.FunctionInvoker}, the Lambda handler) invokes. Same checks,
 * one conditional put through the DynamoDB enhanced client (a bean schema, as its guide shows), the same client
 * settings as shared-model's {@code DynamoDbFactory}, the same JSON answer with an HMAC-signed token.
 * Not production code: it is only ever run by bench/coldstart.
 */
@SpringBootApplication
public class PeerApplication {
    private static final Set<String> CURRENCIES = Set.of("XOF", "XAF", "GNF", "EUR", "USD");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) {
        SpringApplication.run(PeerApplication.class, args);
    }

    @Bean
    DynamoDbClient dynamoDbClient(@Value("${cauri.dynamodb.endpoint:}") String endpoint) {
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
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    @Bean
    DynamoDbTable<IntentItem> intents(DynamoDbClient client, @Value("${cauri.tables.intents:cauri-intents}") String table) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build()
                .table(table, TableSchema.fromBean(IntentItem.class));
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> createIntent(
            DynamoDbTable<IntentItem> intents, ObjectMapper json, @Value("${cauri.token.signing-key}") String key) {
        SecretKeySpec signingKey = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return event -> {
            Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
            String merchantId = headers.get("merchantid");
            if (blank(merchantId) || blank(headers.get("apikey"))) {
                return error(json, 401, "unauthorized", "apikey and merchantid headers are required", null);
            }
            CreateIntentRequest input;
            try {
                input = json.readValue(event.getBody() == null ? "" : event.getBody(), CreateIntentRequest.class);
            } catch (JsonProcessingException e) {
                return error(json, 400, "invalid_json", "the body is not a JSON object", null);
            }
            if (blank(input.customerReference())) {
                return error(json, 400, "parameter_missing", "customerReference is required", "customerReference");
            }
            if (blank(input.purchaseReference())) {
                return error(json, 400, "parameter_missing", "purchaseReference is required", "purchaseReference");
            }
            if (input.amount() == null || input.amount() <= 0) {
                return error(json, 400, "parameter_invalid", "amount must be a positive integer", "amount");
            }
            if (input.currency() == null || !CURRENCIES.contains(input.currency())) {
                return error(json, 400, "parameter_invalid", "currency is not supported", "currency");
            }
            String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            IntentItem item = new IntentItem();
            item.setId("pi_" + randomId());
            item.setMerchantId(merchantId);
            item.setMode("sandbox".equals(headers.get("environment")) ? "sandbox" : "live");
            item.setAmount(input.amount());
            item.setCurrency(input.currency());
            item.setCustomerReference(input.customerReference());
            item.setPurchaseReference(input.purchaseReference());
            item.setStatus("payment_required");
            item.setCreatedAt(now);
            item.setUpdatedAt(now);
            try {
                intents.putItem(r -> r.item(item)
                        .conditionExpression(Expression.builder().expression("attribute_not_exists(id)").build()));
            } catch (ConditionalCheckFailedException e) {
                return error(json, 409, "conflict", "an intent with this id exists", null);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", item.getId());
            out.put("merchantId", merchantId);
            out.put("createdAt", now);
            out.put("updatedAt", now);
            out.put("token", token(signingKey, item.getId(), merchantId));
            out.put("purchaseReference", item.getPurchaseReference());
            out.put("customerReference", item.getCustomerReference());
            out.put("status", item.getStatus());
            out.put("amount", item.getAmount());
            out.put("currency", item.getCurrency());
            out.put("payments", List.of());
            out.put("mode", item.getMode());
            return response(json, 201, out);
        };
    }

    /** The body create-intent reads. */
    public record CreateIntentRequest(String customerReference, String purchaseReference, Long amount, String currency) {
    }

    private static String token(SecretKeySpec key, String intentId, String merchantId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(("{\"sub\":\"" + intentId + "\",\"mid\":\"" + merchantId + "\",\"exp\":"
                + Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return payload + "." + b64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static APIGatewayV2HTTPResponse error(ObjectMapper json, int status, String code, String message, String param) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        if (param != null) {
            body.put("param", param);
        }
        return response(json, status, body);
    }

    private static APIGatewayV2HTTPResponse response(ObjectMapper json, int status, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(json.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 21);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
