package io.cauri.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.merchant.Mode;
import io.cauri.store.TableNames;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.webhook.DeliveryLog;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.webhook.WebhookRepository;
import io.cauri.webhook.WebhookSecret;
import io.cauri.webhook.WebhookSignatures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code PATCH /webhooks/{id}}, {@code POST /webhooks/{id}/test} and {@code Idempotency-Key} on creation and
 * rotation, through the real Lambda handler on DynamoDB Local.
 */
class WebhookEndpointChangesTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static final List<WebhookReceiver> receivers = new ArrayList<>();

    @BeforeAll
    static void start() {
        function = new LocalFunction(new LocalEvents(5).properties());
    }

    /** A merchant of its own per test: each takes at most 16 endpoints. */
    @BeforeEach
    void merchant() {
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        receivers.forEach(WebhookReceiver::close);
        function.close();
    }

    static ApiGatewayEvents sandbox(ApiGatewayEvents event) {
        return event.auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox");
    }

    static JsonNode create(String url) {
        LocalFunction.Response created = function.handle(sandbox(ApiGatewayEvents.post("/webhooks",
                "{\"url\":\"" + url + "\",\"events\":[\"payment_intent.successful\"]}")));
        assertEquals(201, created.status(), created.body());
        return created.json();
    }

    static LocalFunction.Response patch(String id, String body) {
        return function.handle(sandbox(ApiGatewayEvents.request("PATCH", "/webhooks/" + id).header("Content-Type", "application/json").body(body)));
    }

    static WebhookEndpoint stored(String id) {
        return function.context().getBean(WebhookRepository.class).find(merchant.merchantId(), Mode.SANDBOX, id)
                .orElseThrow();
    }

    static String unique() {
        return Long.toHexString(System.nanoTime());
    }

    @Test
    void patchChangesUrlEventsAndEnabled() {
        String id = create("https://shop.example/patch-" + unique()).get("id").asText();
        String url = "https://shop.example/moved-" + unique();
        LocalFunction.Response moved = patch(id, "{\"url\":\"" + url + "\",\"events\":[\"payment.failed\","
                + "\"webhook_endpoint.disabled\"]}");
        assertEquals(200, moved.status(), moved.body());
        assertEquals(url, moved.json().get("url").asText());
        assertEquals("[\"payment.failed\",\"webhook_endpoint.disabled\"]", moved.json().get("events").toString());
        assertFalse(moved.body().contains("whsec_"), "no secret outside creation and rotation");
        assertEquals(url, stored(id).url());

        LocalFunction.Response off = patch(id, "{\"enabled\":false}");
        assertEquals(200, off.status(), off.body());
        assertEquals("disabled", off.json().get("status").asText());
        assertEquals(url, off.json().get("url").asText(), "what is not given stays");
        LocalFunction.Response on = patch(id, "{\"enabled\":true}");
        assertEquals("enabled", on.json().get("status").asText());
        assertNull(on.json().get("disabledReason"));
    }

    @Test
    void reEnablingAnEndpointDisabledForFailingStartsItsClockOver() {
        String id = create("https://shop.example/revive-" + unique()).get("id").asText();
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        WebhookRepository repository = function.context().getBean(WebhookRepository.class);
        repository.update(stored(id).withFailingSince(t, t).withFailing(true, t).disabled("failing for 3 days", t));

        LocalFunction.Response on = patch(id, "{\"enabled\":true}");
        assertEquals(200, on.status(), on.body());
        assertEquals("enabled", on.json().get("status").asText());
        assertFalse(on.json().get("failing").asBoolean());
        WebhookEndpoint revived = stored(id);
        assertNull(revived.failingSince(), "the failure clock starts over");
        assertFalse(revived.failing());
        assertNull(revived.disabledReason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"description\":\"x\"}|description|invalid_parameter",
            "{\"enabled\":true,\"secret\":\"whsec_x\"}|secret|invalid_parameter",
            "{\"enabled\":\"yes\"}|enabled|invalid_parameter",
            "{\"enabled\":1}|enabled|invalid_parameter",
            "{\"events\":[]}|events|invalid_parameter",
            "{\"events\":[\"payment.refunded\"]}|events|invalid_parameter",
            "{\"events\":\"payment.failed\"}|events|invalid_parameter",
            "{\"url\":\"http://shop.example/hooks\"}|url|invalid_parameter",
            "{\"url\":\"https://user:pass@shop.example/hooks\"}|url|invalid_parameter",
            "{\"url\":\"https://169.254.169.254/latest/meta-data\"}|url|invalid_parameter",
            "{\"url\":\"https://10.0.0.1/hooks\"}|url|invalid_parameter",
            "{\"url\":7}|url|invalid_parameter",
            "{}|url|missing_parameter",
    })
    void badChangesAreRefusedNamingTheFieldAndChangeNothing(String body, String param, String code) {
        String url = "https://shop.example/bad-" + unique();
        String id = create(url).get("id").asText();
        LocalFunction.Response refused = patch(id, body);
        assertEquals(400, refused.status(), refused.body());
        assertEquals(code, refused.json().get("code").asText());
        assertEquals(param, refused.json().get("param").asText());
        assertFalse(refused.json().get("message").asText().isBlank());
        WebhookEndpoint unchanged = stored(id);
        assertEquals(url, unchanged.url());
        assertEquals(WebhookEndpoint.Status.ENABLED, unchanged.status());
    }

    @Test
    void aMalformedPatchIsInvalidJsonAndAnotherEndpointsUrlIsADuplicate() {
        String id = create("https://shop.example/json-" + unique()).get("id").asText();
        assertEquals("invalid_json", patch(id, "{\"enabled\":").json().get("code").asText());
        String taken = "https://shop.example/taken-" + unique();
        String other = create(taken).get("id").asText();
        LocalFunction.Response duplicate = patch(id, "{\"url\":\""
                + taken.replace("https://shop.example", "HTTPS://Shop.Example:443") + "\"}");
        assertEquals(409, duplicate.status(), duplicate.body());
        assertEquals("duplicate_url", duplicate.json().get("code").asText());
        assertTrue(duplicate.json().get("message").asText().contains(other));
        // its own url again is no duplicate
        assertEquals(200, patch(other, "{\"url\":\"" + taken + "\"}").status());
    }

    @Test
    void anotherMerchantsOrModesOrAnUnknownEndpointIsNotFound() {
        String id = create("https://shop.example/mine-" + unique()).get("id").asText();
        TestMerchants.Credentials other = TestMerchants.fresh();
        for (ApiGatewayEvents request : List.of(
                ApiGatewayEvents.request("PATCH", "/webhooks/" + id).body("{\"enabled\":false}")
                        .auth(other.merchantId(), other.sandboxKey(), "sandbox"),
                ApiGatewayEvents.request("PATCH", "/webhooks/" + id).body("{\"enabled\":false}")
                        .auth(merchant.merchantId(), merchant.liveKey(), "live"),
                ApiGatewayEvents.post("/webhooks/" + id + "/test", null).auth(other.merchantId(), other.sandboxKey(), "sandbox"),
                sandbox(ApiGatewayEvents.request("PATCH", "/webhooks/wh_unknown000000000000").body("{\"enabled\":false}")),
                sandbox(ApiGatewayEvents.request("PATCH", "/webhooks/not-an-id").body("{\"enabled\":false}")),
                sandbox(ApiGatewayEvents.post("/webhooks/wh_unknown000000000000/test", null)))) {
            LocalFunction.Response response = function.handle(request);
            assertEquals(404, response.status(), response.body());
            assertEquals("not_found", response.json().get("code").asText());
            assertEquals("id", response.json().get("param").asText());
        }
        assertEquals(WebhookEndpoint.Status.ENABLED, stored(id).status());
        assertEquals(401, function.handle(ApiGatewayEvents.request("PATCH", "/webhooks/" + id)
                .body("{\"enabled\":false}")).status());
    }

    @Test
    void testSendsOneSignedPingAndAnswersTheOutcome() throws Exception {
        WebhookReceiver ok = new WebhookReceiver();
        WebhookReceiver failing = new WebhookReceiver().answering(n -> WebhookReceiver.Answer.status(500));
        receivers.add(ok);
        receivers.add(failing);
        JsonNode created = create(ok.url());
        String id = created.get("id").asText();
        WebhookSecret secret = new WebhookSecret(created.get("secret").asText());

        LocalFunction.Response tested = function.handle(sandbox(ApiGatewayEvents.post("/webhooks/" + id + "/test", null)));
        assertEquals(200, tested.status(), tested.body());
        JsonNode outcome = tested.json();
        assertTrue(outcome.get("delivered").asBoolean(), tested.body());
        assertEquals(200, outcome.get("status").asInt());
        assertEquals("ping", outcome.get("type").asText());
        assertEquals(id, outcome.get("webhookId").asText());
        String eventId = outcome.get("eventId").asText();
        assertTrue(eventId.startsWith("evt_"), eventId);

        assertEquals(1, ok.requests().size());
        WebhookReceiver.Request ping = ok.requests().get(0);
        assertEquals(eventId, ping.header("webhook-id"));
        assertTrue(WebhookSignatures.verifyBoth(ping.headers(), ping.body(), secret, Instant.now()).stream()
                .allMatch(v -> v == WebhookSignatures.Verification.VALID), "signed like every delivery");
        JsonNode body = new ObjectMapper().readTree(ping.body());
        assertEquals("ping", body.get("type").asText());
        assertEquals(id, body.get("data").get("webhookId").asText());
        assertEquals(merchant.merchantId(), body.get("merchantId").asText());
        assertTrue(function.context().getBean(DeliveryLog.class).event(eventId).isEmpty(), "a ping is not logged");

        // a failing endpoint: the answer says so; a disabled one can still be tested
        String down = create(failing.url()).get("id").asText();
        patch(down, "{\"enabled\":false}");
        JsonNode failed = function.handle(sandbox(ApiGatewayEvents.post("/webhooks/" + down + "/test", null))).json();
        assertFalse(failed.get("delivered").asBoolean());
        assertEquals(500, failed.get("status").asInt());
        assertEquals("http_status", failed.get("error").asText());
        assertEquals(1, failing.requests().size());
        assertEquals(WebhookEndpoint.Status.DISABLED, stored(down).status(), "a test changes nothing");
    }

    @Test
    void aCreationRefusedForItsBodyReleasesItsIdempotencyKey() {
        String key = "refused-" + unique();
        for (String bad : new String[]{null, "", "[]", "{\"url\":"}) {
            LocalFunction.Response refused = function.handle(sandbox(ApiGatewayEvents.post("/webhooks", bad)
                    .header("Idempotency-Key", key)));
            assertEquals(400, refused.status(), bad + " -> " + refused.body());
            var kept = DynamoDbLocal.shared().client().scanPaginator(r -> r.tableName(TableNames.defaults().idempotency()))
                    .items().stream().map(Object::toString).filter(i -> i.contains(key)).toList();
            assertEquals(List.of(), kept, "a refused request keeps no claim on its key: " + bad);
        }
        String body = "{\"url\":\"https://shop.example/released-" + unique() + "\",\"events\":[\"payment.failed\"]}";
        assertEquals(201, function.handle(sandbox(ApiGatewayEvents.post("/webhooks", body)
                .header("Idempotency-Key", key))).status(), "the key is free for the corrected request");
    }

    @Test
    void createWithAnIdempotencyKeyReplaysTheSameSecretAndKeepsItSealed() {
        String key = "create-" + unique();
        String body = "{\"url\":\"https://shop.example/idem-" + unique() + "\",\"events\":[\"payment.failed\"]}";
        LocalFunction.Response first = function.handle(sandbox(ApiGatewayEvents.post("/webhooks", body)
                .header("Idempotency-Key", key)));
        assertEquals(201, first.status(), first.body());
        LocalFunction.Response again = function.handle(sandbox(ApiGatewayEvents.post("/webhooks", body)
                .header("Idempotency-Key", key)));
        assertEquals(201, again.status(), again.body());
        assertEquals(first.body(), again.body(), "the same answer, the same secret");
        assertEquals("true", again.header("Idempotent-Replayed"));
        String secret = first.json().get("secret").asText();
        String id = first.json().get("id").asText();

        // one endpoint, and no secret in clear in the idempotency table
        long endpoints = function.context().getBean(WebhookEndpoints.class)
                .list(io.cauri.merchant.Caller.server(merchant.merchantId(), Mode.SANDBOX)).stream()
                .filter(e -> e.id().equals(id)).count();
        assertEquals(1, endpoints);
        var items = DynamoDbLocal.shared().client().scanPaginator(r -> r.tableName(TableNames.defaults().idempotency()))
                .items().stream().map(Object::toString).toList();
        assertTrue(items.stream().anyMatch(i -> i.contains(key)), "the key is kept");
        assertTrue(items.stream().noneMatch(i -> i.contains(secret.substring(6)) || i.contains(id)),
                "the kept answer is sealed whole");

        LocalFunction.Response other = function.handle(sandbox(ApiGatewayEvents.post("/webhooks",
                body.replace("payment.failed", "payment.successful")).header("Idempotency-Key", key)));
        assertEquals(422, other.status(), other.body());
        assertEquals("idempotency_key_reused", other.json().get("code").asText());
        assertEquals("Idempotency-Key", other.json().get("param").asText());
    }

    @Test
    void aKeptAnswerOpensOnlyForItsOwnMerchant() {
        String key = "shared-" + unique();
        String body = "{\"url\":\"https://shop.example/own-" + unique() + "\",\"events\":[\"payment.failed\"]}";
        LocalFunction.Response mine = function.handle(sandbox(ApiGatewayEvents.post("/webhooks", body)
                .header("Idempotency-Key", key)));
        TestMerchants.Credentials other = TestMerchants.fresh();
        LocalFunction.Response theirs = function.handle(ApiGatewayEvents.post("/webhooks", body)
                .header("Idempotency-Key", key).auth(other.merchantId(), other.sandboxKey(), "sandbox"));
        assertEquals(201, theirs.status(), theirs.body());
        assertNotEquals(mine.json().get("id").asText(), theirs.json().get("id").asText());
        assertNotEquals(mine.json().get("secret").asText(), theirs.json().get("secret").asText());
    }

    @Test
    void rotateWithAnIdempotencyKeyRotatesOnceAndReplaysTheSameSecret() {
        JsonNode created = create("https://shop.example/rot-" + unique());
        String id = created.get("id").asText();
        String key = "rotate-" + unique();
        LocalFunction.Response first = function.handle(sandbox(ApiGatewayEvents.request("POST", "/webhooks/" + id + "/secret/rotate")
                .header("Idempotency-Key", key)));
        assertEquals(200, first.status(), first.body());
        LocalFunction.Response again = function.handle(sandbox(ApiGatewayEvents.request("POST", "/webhooks/" + id + "/secret/rotate")
                .header("Idempotency-Key", key)));
        assertEquals(200, again.status(), again.body());
        assertEquals(first.json().get("secret").asText(), again.json().get("secret").asText());
        assertEquals("true", again.header("Idempotent-Replayed"));

        // rotated once: the current secret is the replayed one, the previous the creation's
        var keys = function.context().getBean(WebhookEndpoints.class).signingSecrets(stored(id), Instant.now());
        assertEquals(first.json().get("secret").asText(), keys.current().value());
        assertEquals(created.get("secret").asText(), keys.previous().value());

        // the same key for another endpoint's rotation: another request
        String otherId = create("https://shop.example/rot2-" + unique()).get("id").asText();
        LocalFunction.Response reused = function.handle(sandbox(ApiGatewayEvents.request("POST", "/webhooks/" + otherId
                + "/secret/rotate").header("Idempotency-Key", key)));
        assertEquals(422, reused.status(), reused.body());
        assertEquals("idempotency_key_reused", reused.json().get("code").asText());
        // an unknown endpoint's 404 releases the key (a refused request did nothing)
        String fresh = "rotate404-" + unique();
        assertEquals(404, function.handle(sandbox(ApiGatewayEvents.post("/webhooks/wh_unknown000000000000/secret/rotate",
                null).header("Idempotency-Key", fresh))).status());
    }
}
