package io.cauri.attemptpayment;

import io.cauri.intent.Currency;
import io.cauri.intent.IntentDetails;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStateMachine;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.store.TableNames;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.token.IntentTokens;
import io.cauri.web.json.Fields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one intent may accumulate through attempts: at most {@link IntentStateMachine#MAX_ATTEMPTS} attempts,
 * redirection URLs of at most {@link Fields#MAX_REDIRECTION_URL_BYTES} bytes each, so the stored item (and the
 * event built from it) is bounded by construction. Real handler, DynamoDB Local, sandbox provider.
 */
class AttemptLimitsTest {
    /** SNS's message limit; an intent's event carries the whole intent. */
    static final int SNS_MESSAGE_LIMIT = 256 * 1024;

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent open(IntentDetails details) {
        return function.context().getBean(IntentLifecycle.class).create(
                Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent(null, null, 1000, Currency.XOF, null), details,
                IntentLifecycle.CustomerSpec.NONE);
    }

    /** An attempt the sandbox fails at once (not a sandbox number), with both URLs of {@code url}. */
    static Response failingAttempt(PaymentIntent intent, String url) {
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\","
                        + "\"mobileMoney\":{\"msisdn\":\"+999999999999999\",\"onSuccessRedirectionUrl\":\"" + url
                        + "\",\"onFailedRedirectionUrl\":\"" + url + "\"}}"));
    }

    /** A URL of exactly {@code bytes} UTF-8 bytes, made of 3-byte characters where it can. */
    static String url(int bytes) {
        String prefix = "https://shop.example/r?q=";
        StringBuilder url = new StringBuilder(prefix);
        int left = bytes - prefix.length();
        url.append("€".repeat(left / 3)).append("a".repeat(left % 3));
        assertEquals(bytes, url.toString().getBytes(StandardCharsets.UTF_8).length);
        return url.toString();
    }

    @Test
    void theTwentyFirstAttemptIsRefusedAndNothingIsWritten() {
        PaymentIntent intent = open(IntentDetails.NONE);
        for (int i = 1; i <= IntentStateMachine.MAX_ATTEMPTS; i++) {
            Response response = failingAttempt(intent, "https://shop.example/back");
            assertEquals(201, response.status(), response.body());
            assertEquals("payment_required", response.json().get("status").asText(), "attempt " + i + " failed at once");
        }
        IntentRepository intents = function.context().getBean(IntentRepository.class);
        PaymentIntent before = intents.find(intent.id()).orElseThrow();
        Response refused = failingAttempt(intent, "https://shop.example/back");
        assertEquals(409, refused.status(), refused.body());
        assertEquals("too_many_attempts", refused.json().get("code").asText());
        assertTrue(refused.json().get("message").asText().contains("20"), refused.body());
        PaymentIntent after = intents.find(intent.id()).orElseThrow();
        assertEquals(before, after, "nothing written");
        assertEquals(IntentStateMachine.MAX_ATTEMPTS, after.payments().size());
        System.out.println("attempt " + (IntentStateMachine.MAX_ATTEMPTS + 1) + " on one intent -> 409 too_many_attempts, "
                + "item unchanged (version " + after.version() + ", " + after.payments().size() + " payments)");
    }

    @Test
    void aRedirectionUrlOverTheLimitIsRefusedWithItsParam() {
        PaymentIntent intent = open(IntentDetails.NONE);
        Response refused = failingAttempt(intent, url(Fields.MAX_REDIRECTION_URL_BYTES + 1));
        assertEquals(400, refused.status(), refused.body());
        assertEquals("invalid_parameter", refused.json().get("code").asText());
        assertEquals("mobileMoney.onSuccessRedirectionUrl", refused.json().get("param").asText());
        assertTrue(function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().payments().isEmpty());
        assertEquals(201, failingAttempt(intent, url(Fields.MAX_REDIRECTION_URL_BYTES)).status());
    }

    @Test
    void aRedirectionUrlCarryingTheTokenIsRefusedAndNothingIsStored() {
        PaymentIntent intent = open(IntentDetails.NONE);
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        Response refused = failingAttempt(intent, "https://shop.example/checkout/" + token);
        assertEquals(400, refused.status(), refused.body());
        assertEquals("mobileMoney.onSuccessRedirectionUrl", refused.json().get("param").asText());
        assertTrue(function.context().getBean(IntentRepository.class).find(intent.id()).orElseThrow().payments().isEmpty());
        Response query = failingAttempt(intent, "https://shop.example/back?t=" + token);
        assertEquals(400, query.status(), query.body());
        System.out.println("redirection URL holding the intent's token (path or query) -> 400, nothing stored");
    }

    /**
     * The worst case by construction: every bounded field at its limit in 3-byte characters (metadata 50 keys of
     * 40 and values of 500, description 1000) and 20 failed attempts with both URLs at 512 bytes. The item stays far
     * under DynamoDB's 400 KB, the intent's JSON under SNS's 256 KiB, and a
     * list page of 100 such intents under Lambda's 6 MB.
     */
    @Test
    void theWorstCaseIntentStaysFarBelowTheStoreAndSnsLimits() {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < IntentDetails.MAX_METADATA_KEYS; i++) {
            metadata.put(String.format("%02d", i) + "é".repeat(38), "€".repeat(500));
        }
        PaymentIntent intent = open(new IntentDetails("€".repeat(1000), metadata, null, "CI", "CI", "CI"));
        String longest = url(Fields.MAX_REDIRECTION_URL_BYTES);
        Response last = null;
        for (int i = 0; i < IntentStateMachine.MAX_ATTEMPTS; i++) {
            last = failingAttempt(intent, longest);
            assertEquals(201, last.status(), last.body());
        }
        assertEquals(IntentStatus.PAYMENT_REQUIRED, function.context().getBean(IntentRepository.class)
                .find(intent.id()).orElseThrow().status());
        Map<String, AttributeValue> item = function.context().getBean(DynamoDbClient.class).getItem(r -> r
                .tableName(function.context().getBean(TableNames.class).intents())
                .key(Map.of("id", AttributeValue.fromS(intent.id())))).item();
        long itemBytes = itemSize(item);
        long jsonBytes = last.body().getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("worst-case intent (%d attempts, 2 x %d-byte URLs each, 50 metadata keys at their limits, "
                        + "1000-char description): item %d bytes (DynamoDB limit 409600), HUB2 JSON %d bytes "
                        + "(SNS limit %d; x100 per list page = %d)%n", IntentStateMachine.MAX_ATTEMPTS, Fields.MAX_REDIRECTION_URL_BYTES,
                itemBytes, jsonBytes, SNS_MESSAGE_LIMIT, jsonBytes * 100);
        assertTrue(itemBytes < 200_000, "item " + itemBytes);
        assertTrue(jsonBytes < SNS_MESSAGE_LIMIT / 2, "json " + jsonBytes);
        // a HUB2 list page holds at most 100 intents: far under Lambda's 6 MB response limit
        assertTrue(jsonBytes * 100 < 4_000_000, "a page of 100 such intents: " + jsonBytes * 100);
    }

    /** DynamoDB's item size rules: names and strings in UTF-8 bytes, numbers ≤ 21, 3 bytes per map or list. */
    static long itemSize(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + valueSize(e.getValue());
        }
        return size;
    }

    static long valueSize(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return 21;
        }
        if (v.b() != null) {
            SdkBytes b = v.b();
            return b.asByteArray().length;
        }
        if (v.hasM()) {
            return 3 + itemSize(v.m()) + v.m().size();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(x -> 1 + valueSize(x)).sum();
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(x -> x.getBytes(StandardCharsets.UTF_8).length).sum();
        }
        return 1; // BOOL, NULL
    }
}
