package io.cauri.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.webhook.WebhookRepository;
import io.cauri.webhook.WebhookSecret;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.TestMerchants;
import io.cauri.store.TableNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhooks routes through the real Lambda handler, on DynamoDB Local. */
class WebhooksFunctionTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction(new LocalEvents(5).properties());
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static ApiGatewayEvents sandbox(ApiGatewayEvents event) {
        return event.auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox");
    }

    static LocalFunction.Response create(String body) {
        return function.handle(sandbox(ApiGatewayEvents.post("/webhooks", body)));
    }

    static String body(String url) {
        return """
                {"url":"%s","events":["payment_intent.successful","payment.failed"],"description":"orders",
                 "metadata":{"team":"payments"}}""".formatted(url);
    }

    @Test
    void createShowsTheSecretOnceAndStoresItSealed() {
        LocalFunction.Response created = create(body("https://shop.example/hooks"));
        assertEquals(201, created.status(), created.body());
        JsonNode json = created.json();
        String id = json.get("id").asText();
        assertTrue(id.startsWith("wh_"), id);
        assertEquals("https://shop.example/hooks", json.get("url").asText());
        assertEquals(List.of("payment_intent.successful", "payment.failed"),
                List.of(json.get("events").get(0).asText(), json.get("events").get(1).asText()));
        assertEquals("orders", json.get("description").asText());
        assertEquals("payments", json.get("metadata").get("team").asText());
        assertEquals("enabled", json.get("status").asText());
        assertFalse(json.get("failing").asBoolean());
        assertEquals("sandbox", json.get("mode").asText());
        String secret = json.get("secret").asText();
        assertTrue(secret.matches("whsec_[A-Za-z0-9+/]{43}="), secret);

        // at rest: sealed, never the secret itself
        Map<String, AttributeValue> item = DynamoDbLocal.shared().client().getItem(r -> r
                .tableName(TableNames.defaults().webhooks()).key(Map.of(
                        "merchantMode", AttributeValue.fromS(merchant.merchantId() + "#SANDBOX"),
                        "id", AttributeValue.fromS(id)))).item();
        assertTrue(item.get("secret").s().startsWith("local1."), item.get("secret").s());
        assertFalse(item.toString().contains(secret.substring(6)));

        // listed without it
        LocalFunction.Response list = function.handle(sandbox(ApiGatewayEvents.get("/webhooks")));
        assertEquals(200, list.status());
        assertFalse(list.body().contains("whsec_"), list.body());
        assertTrue(list.body().contains(id));
    }

    @Test
    void refundAndTransferEventsAreSubscribable() {
        LocalFunction.Response created = create("""
                {"url":"https://shop.example/money-out","events":["refund.created","refund.succeeded","refund.failed",
                 "transfer.created","transfer.succeeded","transfer.failed"]}""");
        assertEquals(201, created.status(), created.body());
        List<String> events = new java.util.ArrayList<>();
        created.json().get("events").forEach(e -> events.add(e.asText()));
        assertEquals(List.of("refund.created", "refund.succeeded", "refund.failed", "transfer.created",
                "transfer.succeeded", "transfer.failed"), events);
        String id = created.json().get("id").asText();
        var endpoint = function.context().getBean(WebhookRepository.class).find(merchant.merchantId(), Mode.SANDBOX, id)
                .orElseThrow();
        assertTrue(endpoint.subscribesTo(io.cauri.event.EventType.TRANSFER_SUCCEEDED));
        assertFalse(endpoint.subscribesTo(io.cauri.event.EventType.PAYMENT_INTENT_SUCCESSFUL));

        LocalFunction.Response unknown = create("""
                {"url":"https://shop.example/money-out-2","events":["transfer.successful"]}""");
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals("events", unknown.json().get("param").asText());
        assertTrue(unknown.json().get("message").asText().contains("transfer.created, succeeded, failed"),
                unknown.body());
    }

    @Test
    void rotationReturnsANewSecretAndKeepsTheOldOneSigningFor24Hours() {
        JsonNode created = create(body("https://shop.example/rotate")).json();
        String id = created.get("id").asText();
        LocalFunction.Response rotated = function.handle(sandbox(ApiGatewayEvents.post("/webhooks/" + id + "/secret/rotate", null)));
        assertEquals(200, rotated.status(), rotated.body());
        String newSecret = rotated.json().get("secret").asText();
        assertNotEquals(created.get("secret").asText(), newSecret);
        Instant expires = Instant.parse(rotated.json().get("previousSecretExpiresAt").asText());
        assertTrue(Duration.between(Instant.now(), expires).compareTo(Duration.ofHours(23)) > 0);

        var context = function.context();
        var endpoint = context.getBean(WebhookRepository.class).find(merchant.merchantId(), Mode.SANDBOX, id).orElseThrow();
        var keys = context.getBean(WebhookEndpoints.class).signingSecrets(endpoint, Instant.now());
        assertEquals(newSecret, keys.current().value());
        assertEquals(created.get("secret").asText(), keys.previous().value());
        assertNull(context.getBean(WebhookEndpoints.class)
                .signingSecrets(endpoint, Instant.now().plus(Duration.ofHours(25))).previous());
    }

    @Test
    void deleteThenNotFound() {
        String id = create(body("https://shop.example/delete")).json().get("id").asText();
        LocalFunction.Response deleted = function.handle(sandbox(ApiGatewayEvents.request("DELETE", "/webhooks/" + id)));
        assertEquals(200, deleted.status(), deleted.body());
        assertTrue(deleted.json().get("deleted").asBoolean());
        LocalFunction.Response again = function.handle(sandbox(ApiGatewayEvents.request("DELETE", "/webhooks/" + id)));
        assertEquals(404, again.status());
        assertEquals("not_found", again.json().get("code").asText());
        assertEquals(404, function.handle(sandbox(ApiGatewayEvents.post("/webhooks/" + id + "/secret/rotate", null))).status());
    }

    @Test
    void anotherMerchantOrModeNeverSeesAnEndpoint() {
        String id = create(body("https://shop.example/private")).json().get("id").asText();
        TestMerchants.Credentials other = TestMerchants.fresh();
        var asOther = ApiGatewayEvents.request("DELETE", "/webhooks/" + id).auth(other.merchantId(), other.sandboxKey(), "sandbox");
        assertEquals(404, function.handle(asOther).status());
        var list = function.handle(ApiGatewayEvents.get("/webhooks").auth(other.merchantId(), other.sandboxKey(), "sandbox"));
        assertEquals("[]", list.body());
        var live = function.handle(ApiGatewayEvents.get("/webhooks").auth(merchant.merchantId(), merchant.liveKey(), "live"));
        assertFalse(live.body().contains(id));
        assertEquals(401, function.handle(ApiGatewayEvents.get("/webhooks")).status());
    }

    @Test
    void aSecondEndpointAtTheSameUrlIsRefusedPerMerchantAndMode() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        var first = function.handle(ApiGatewayEvents.post("/webhooks", body("https://shop.example/same"))
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox"));
        assertEquals(201, first.status(), first.body());
        for (String again : List.of("https://shop.example/same", "HTTPS://Shop.Example:443/same")) {
            var response = function.handle(ApiGatewayEvents.post("/webhooks", body(again))
                    .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox"));
            assertEquals(409, response.status(), response.body());
            assertEquals("duplicate_url", response.json().get("code").asText());
            assertEquals("url", response.json().get("param").asText());
        }
        var list = function.handle(ApiGatewayEvents.get("/webhooks").auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox"));
        assertEquals(1, list.json().size());
        // another path, the other mode, another merchant: each its own endpoint
        assertEquals(201, function.handle(ApiGatewayEvents.post("/webhooks", body("https://shop.example/other"))
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox")).status());
        assertEquals(201, function.handle(ApiGatewayEvents.post("/webhooks", body("https://shop.example/same"))
                .auth(merchant.merchantId(), merchant.liveKey(), "live")).status());
        TestMerchants.Credentials other = TestMerchants.fresh();
        assertEquals(201, function.handle(ApiGatewayEvents.post("/webhooks", body("https://shop.example/same"))
                .auth(other.merchantId(), other.sandboxKey(), "sandbox")).status());
    }

    @ParameterizedTest(name = "{0} in {1} → {2}")
    @CsvSource({
            "https://shop.example/hooks, sandbox, 201",
            "https://shop.example/hooks, live, 201",
            "http://127.0.0.1:8080/hooks, sandbox, 201",
            "http://localhost/hooks, sandbox, 201",
            "http://127.0.0.1:8080/hooks, live, 400",
            "https://127.0.0.1/hooks, live, 400",
            "http://shop.example/hooks, sandbox, 400",
            "ftp://shop.example/hooks, sandbox, 400",
            "https://user:pass@shop.example/hooks, sandbox, 400",
            "/relative, sandbox, 400",
            // live: no address a webhook could reach inside our network, whatever its spelling
            "https://127.0.0.2/hooks, live, 400",
            "https://0.0.0.0/hooks, live, 400",
            "https://[::ffff:127.0.0.1]/hooks, live, 400",
            "https://[::ffff:10.0.0.1]/hooks, live, 400",
            "https://169.254.169.254/latest/meta-data, live, 400",
            "https://10.0.0.1/hooks, live, 400",
            "https://172.16.0.1/hooks, live, 400",
            "https://192.168.1.1/hooks, live, 400",
            "https://100.64.0.1/hooks, live, 400",
            "https://[::1]/hooks, live, 400",
            "https://[::]/hooks, live, 400",
            "https://[fe80::1]/hooks, live, 400",
            "https://[fd00:ec2::254]/hooks, live, 400",
            "https://[::127.0.0.1]/hooks, live, 400",
            "https://2130706433/hooks, live, 400",
            "https://93.184.215.14/hooks, live, 201",      // a public address
            // sandbox: loopback stays allowed (a receiver next to local-api), the rest is refused there too
            "https://127.0.0.2/hooks, sandbox, 201",
            "https://169.254.169.254/latest/meta-data, sandbox, 400",
            "https://10.0.0.1/hooks, sandbox, 400",
            "https://[fd00:ec2::254]/hooks, sandbox, 400",
    })
    void urlRules(String url, String environment, int status) {
        TestMerchants.Credentials merchant = TestMerchants.fresh(); // each URL on its own: no duplicate refusal
        String key = "live".equals(environment) ? merchant.liveKey() : merchant.sandboxKey();
        var response = function.handle(ApiGatewayEvents.post("/webhooks", body(url))
                .auth(merchant.merchantId(), key, environment));
        assertEquals(status, response.status(), response.body());
        if (status == 400) {
            assertEquals("url", response.json().get("param").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"url\":\"https://a.example\"}|events|missing_parameter",
            "{\"url\":\"https://a.example\",\"events\":[]}|events|invalid_parameter",
            "{\"url\":\"https://a.example\",\"events\":[\"payment.refunded\"]}|events|invalid_parameter",
            "{\"url\":\"https://a.example\",\"events\":\"payment.failed\"}|events|invalid_parameter",
            "{\"url\":\"https://a.example\",\"events\":[1]}|events|invalid_parameter",
            "{\"events\":[\"payment.failed\"]}|url|missing_parameter",
            "{\"url\":\"https://a.example\",\"events\":[\"payment.failed\"],\"metadata\":{\"a\":1}}|metadata.a|invalid_parameter",
            "{\"url\":\"https://a.example\",\"events\":[\"payment.failed\"],\"description\":\"\"}|description|invalid_parameter",
    })
    void invalidBodiesAreRefusedNamingTheField(String json, String param, String code) {
        var response = create(json);
        assertEquals(400, response.status(), response.body());
        assertEquals(code, response.json().get("code").asText());
        assertEquals(param, response.json().get("param").asText());
    }

    @Test
    void aMalformedBodyIsInvalidJson() {
        var response = create("{\"url\":");
        assertEquals(400, response.status());
        assertEquals("invalid_json", response.json().get("code").asText());
    }

    @Test
    void secretsAreUnique() {
        String a = create(body("https://shop.example/a")).json().get("secret").asText();
        String b = create(body("https://shop.example/b")).json().get("secret").asText();
        assertNotEquals(a, b);
        new WebhookSecret(a); // well formed
    }
}
