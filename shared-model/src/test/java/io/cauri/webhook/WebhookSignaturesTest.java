package io.cauri.webhook;

import io.cauri.webhook.WebhookSignatures.Verification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signature table of issue 4: each case checked with both schemes, as a merchant's receiver would. */
class WebhookSignaturesTest {
    static final WebhookSecret SECRET = WebhookSecret.generate();
    static final WebhookSecret OLD = WebhookSecret.generate();
    static final WebhookSecret OTHER = WebhookSecret.generate();
    static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");
    static final String BODY = "{\"id\":\"evt_x\",\"type\":\"payment_intent.successful\",\"data\":{\"amount\":1000}}";

    record Case(String name, UnaryOperator<Map<String, String>> tamperHeaders, String body, WebhookSecret verifyWith,
                WebhookSecret signPrevious, Instant verifyAt, Verification hub2, Verification standard) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> table() {
        UnaryOperator<Map<String, String>> same = h -> h;
        return Stream.of(
                new Case("valid", same, BODY, SECRET, null, NOW, Verification.VALID, Verification.VALID),
                // during rotation the receiver may still hold the old secret: s0 / the second v1 entry match it
                new Case("valid during rotation, receiver has the old secret", same, BODY, OLD, OLD, NOW,
                        Verification.VALID, Verification.VALID),
                new Case("valid during rotation, receiver has the new secret", same, BODY, SECRET, OLD, NOW,
                        Verification.VALID, Verification.VALID),
                new Case("tampered body", same, BODY.replace("1000", "9000"), SECRET, null, NOW,
                        Verification.BAD_SIGNATURE, Verification.BAD_SIGNATURE),
                new Case("wrong secret", same, BODY, OTHER, null, NOW, Verification.BAD_SIGNATURE, Verification.BAD_SIGNATURE),
                new Case("old secret after the rotation window (no s0 sent)", same, BODY, OLD, null, NOW,
                        Verification.BAD_SIGNATURE, Verification.BAD_SIGNATURE),
                // HUB2's scheme has no timestamp; Standard Webhooks refuses a replay outside the tolerance
                new Case("stale timestamp", same, BODY, SECRET, null, NOW.plus(Duration.ofMinutes(6)),
                        Verification.VALID, Verification.STALE_TIMESTAMP),
                new Case("timestamp from the future", same, BODY, SECRET, null, NOW.minus(Duration.ofMinutes(6)),
                        Verification.VALID, Verification.STALE_TIMESTAMP),
                new Case("webhook-id changed (replayed under another id)", h -> with(h, "webhook-id", "evt_other"), BODY,
                        SECRET, null, NOW, Verification.VALID, Verification.BAD_SIGNATURE),
                new Case("missing headers", h -> new HashMap<>(), BODY, SECRET, null, NOW,
                        Verification.MISSING_HEADER, Verification.MISSING_HEADER),
                new Case("missing webhook-signature only", h -> without(h, "webhook-signature"), BODY, SECRET, null, NOW,
                        Verification.VALID, Verification.MISSING_HEADER),
                new Case("missing Hub2-Signature only", h -> without(h, "Hub2-Signature"), BODY, SECRET, null, NOW,
                        Verification.MISSING_HEADER, Verification.VALID),
                new Case("header names in lower case", WebhookSignaturesTest::lowerCase, BODY, SECRET, null, NOW,
                        Verification.VALID, Verification.VALID)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void signatureTable(Case c) {
        Map<String, String> headers = c.tamperHeaders().apply(new HashMap<>(
                WebhookSignatures.sign("evt_x", NOW, BODY, SECRET, c.signPrevious())));
        assertEquals(c.hub2(), WebhookSignatures.verifyHub2(headers, c.body(), c.verifyWith()), "Hub2-Signature");
        assertEquals(c.standard(), WebhookSignatures.verifyStandard(headers, c.body(), c.verifyWith(), c.verifyAt(),
                WebhookSignatures.DEFAULT_TOLERANCE), "webhook-signature");
    }

    @Test
    void hub2SignatureIsTheHexHmacOfTheBodyKeyedWithTheSecretString() throws Exception {
        Map<String, String> headers = WebhookSignatures.sign("evt_x", NOW, BODY, SECRET, OLD);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String s1 = HexFormat.of().formatHex(mac.doFinal(BODY.getBytes(StandardCharsets.UTF_8)));
        assertTrue(headers.get("Hub2-Signature").startsWith("s1=" + s1 + ",s0="), headers.toString());
        assertEquals("evt_x", headers.get("webhook-id"));
        assertEquals(Long.toString(NOW.getEpochSecond()), headers.get("webhook-timestamp"));
        assertTrue(headers.get("webhook-signature").matches("v1,[A-Za-z0-9+/=]+ v1,[A-Za-z0-9+/=]+"), headers.toString());
    }

    @Test
    void secretsHaveTheStandardWebhooksFormatAndNeverPrint() {
        assertTrue(SECRET.value().matches("whsec_[A-Za-z0-9+/]{43}="), SECRET.value());
        assertEquals("WebhookSecret[redacted]", SECRET.toString());
    }

    static Map<String, String> with(Map<String, String> h, String name, String value) {
        h.put(name, value);
        return h;
    }

    static Map<String, String> without(Map<String, String> h, String name) {
        h.remove(name);
        return h;
    }

    static Map<String, String> lowerCase(Map<String, String> h) {
        Map<String, String> lower = new HashMap<>();
        h.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return lower;
    }
}
