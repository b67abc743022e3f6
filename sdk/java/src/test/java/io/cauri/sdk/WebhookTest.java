package io.cauri.sdk;

import io.cauri.webhook.WebhookSecret;
import io.cauri.webhook.WebhookSignatures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The SDK's verifier against the API's own signer ({@link WebhookSignatures}, what the dispatcher sends), against the
 * Standard Webhooks specification's published example, and its failures.
 */
class WebhookTest {
    static final String BODY = "{\"id\":\"evt_1\",\"type\":\"payment_intent.successful\",\"createdAt\":\"2026-12-06T12:00:00.000Z\","
            + "\"mode\":\"sandbox\",\"data\":{\"id\":\"pi_1\",\"status\":\"successful\",\"amount\":1000,\"currency\":\"XOF\"}}";
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final WebhookSecret CURRENT = WebhookSecret.generate();
    static final WebhookSecret PREVIOUS = WebhookSecret.generate();

    static Webhook.Event construct(String body, Map<String, ?> headers, String secret) throws WebhookVerificationException {
        return Webhook.constructEvent(body.getBytes(StandardCharsets.UTF_8), headers, List.of(secret), Webhook.DEFAULT_TOLERANCE, CLOCK);
    }

    static WebhookVerificationException.Reason refusal(String body, Map<String, ?> headers, String secret) {
        return assertThrows(WebhookVerificationException.class, () -> construct(body, headers, secret)).reason();
    }

    static WebhookVerificationException.Reason hub2Refusal(String body, Map<String, ?> headers, String secret) {
        return assertThrows(WebhookVerificationException.class,
                () -> Webhook.verifyHub2(body.getBytes(StandardCharsets.UTF_8), headers, List.of(secret))).reason();
    }

    static Map<String, String> only(Map<String, String> headers, String... names) {
        Map<String, String> out = new HashMap<>();
        for (String n : names) {
            out.put(n, headers.get(n));
        }
        return out;
    }

    @Test
    void aDeliverySignedByTheApiVerifiesWithEitherScheme() throws Exception {
        Map<String, String> signed = WebhookSignatures.sign("evt_1", NOW, BODY, CURRENT, null);

        Webhook.Event event = construct(BODY, signed, CURRENT.value());
        assertEquals("evt_1", event.id());
        assertEquals("payment_intent.successful", event.type());
        assertEquals("pi_1", event.data().get("id").asText());

        construct(BODY, only(signed, "webhook-id", "webhook-timestamp", "webhook-signature"), CURRENT.value());
        Webhook.verifyHub2(BODY.getBytes(StandardCharsets.UTF_8), signed, List.of(CURRENT.value()));
        Webhook.verifyStandard(BODY.getBytes(StandardCharsets.UTF_8), signed, List.of(CURRENT.value()), Duration.ofMinutes(5), NOW);
    }

    @Test
    void headerNamesInAnyCaseAndListValuesAreRead() throws Exception {
        Map<String, List<String>> asAServerGivesThem = new HashMap<>();
        WebhookSignatures.sign("evt_1", NOW, BODY, CURRENT, null)
                .forEach((k, v) -> asAServerGivesThem.put(k.toUpperCase(), List.of(v)));

        assertEquals("evt_1", construct(BODY, asAServerGivesThem, CURRENT.value()).id());
    }

    @Test
    void duringARotationTheOldAndTheNewSecretBothVerify() throws Exception {
        Map<String, String> signed = WebhookSignatures.sign("evt_1", NOW, BODY, CURRENT, PREVIOUS);

        construct(BODY, signed, CURRENT.value());
        construct(BODY, signed, PREVIOUS.value());
        Webhook.verifyHub2(BODY.getBytes(StandardCharsets.UTF_8), only(signed, "Hub2-Signature"), List.of(PREVIOUS.value()));
        // the receiver's side of a rotation: it holds both secrets, the delivery is signed by one
        Map<String, String> newOnly = WebhookSignatures.sign("evt_1", NOW, BODY, CURRENT, null);
        Webhook.constructEvent(BODY.getBytes(StandardCharsets.UTF_8), newOnly, List.of(PREVIOUS.value(), CURRENT.value()),
                Webhook.DEFAULT_TOLERANCE, CLOCK);
    }

    @Test
    void aWrongSecretIsRefused() {
        Map<String, String> signed = WebhookSignatures.sign("evt_1", NOW, BODY, CURRENT, null);
        String other = WebhookSecret.generate().value();

        assertEquals(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE, refusal(BODY, signed, other));
        assertEquals(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE, hub2Refusal(BODY, only(signed, "Hub2-Signature"), other));
    }

    @Test
    void aChangedBodyOrABadSignatureIsRefused() {
        Map<String, String> signed = WebhookSignatures.sign("evt_1", NOW, BODY, CURRENT, null);
        String tampered = BODY.replace("1000", "100000");

        assertEquals(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE, refusal(tampered, signed, CURRENT.value()));
        assertEquals(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE,
                hub2Refusal(tampered, only(signed, "Hub2-Signature"), CURRENT.value()));
        Map<String, String> bad = new HashMap<>(signed);
        bad.put("webhook-signature", "v1,AAAA" + signed.get("webhook-signature").substring(7));
        assertEquals(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE, refusal(BODY, bad, CURRENT.value()));
        // another id under the same signature: the id is signed too
        Map<String, String> otherId = new HashMap<>(signed);
        otherId.put("webhook-id", "evt_2");
        assertEquals(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE, refusal(BODY, otherId, CURRENT.value()));
    }

    @Test
    void anOldOrFutureTimestampIsRefusedEvenWhenTheSignatureIsRight() {
        Map<String, String> old = WebhookSignatures.sign("evt_1", NOW.minusSeconds(301), BODY, CURRENT, null);
        Map<String, String> future = WebhookSignatures.sign("evt_1", NOW.plusSeconds(301), BODY, CURRENT, null);
        Map<String, String> edge = WebhookSignatures.sign("evt_1", NOW.minusSeconds(300), BODY, CURRENT, null);

        assertEquals(WebhookVerificationException.Reason.TIMESTAMP_OUTSIDE_TOLERANCE, refusal(BODY, old, CURRENT.value()));
        assertEquals(WebhookVerificationException.Reason.TIMESTAMP_OUTSIDE_TOLERANCE, refusal(BODY, future, CURRENT.value()));
        Map<String, String> unreadable = new HashMap<>(edge);
        unreadable.put("webhook-timestamp", "yesterday");
        assertEquals(WebhookVerificationException.Reason.INVALID_TIMESTAMP, refusal(BODY, unreadable, CURRENT.value()));
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> construct(BODY, edge, CURRENT.value()));
    }

    @Test
    void missingHeadersAndBadSecretsAreTyped() {
        Map<String, String> signed = WebhookSignatures.sign("evt_1", NOW, BODY, CURRENT, null);

        assertEquals(WebhookVerificationException.Reason.MISSING_HEADER, refusal(BODY, Map.of(), CURRENT.value()));
        assertEquals(WebhookVerificationException.Reason.MISSING_HEADER,
                refusal(BODY, only(signed, "webhook-id", "webhook-signature"), CURRENT.value()));
        assertEquals(WebhookVerificationException.Reason.INVALID_SECRET, refusal(BODY, signed, "not-a-secret"));
        assertEquals(WebhookVerificationException.Reason.INVALID_SECRET, refusal(BODY, signed, "whsec_%%%"));
    }

    @Test
    void withoutTheStandardWebhooksHeadersTheDefaultDoesNotFallBackToHub2() {
        // Hub2-Signature has no timestamp: accepting it alone would let a captured delivery, headers stripped, be
        // replayed forever. Every real delivery carries both schemes, so the default demands the timed one.
        Map<String, String> signed = WebhookSignatures.sign("evt_1", NOW.minusSeconds(86_400), BODY, CURRENT, null);

        assertEquals(WebhookVerificationException.Reason.MISSING_HEADER, refusal(BODY, only(signed, "Hub2-Signature"), CURRENT.value()));
        assertEquals(WebhookVerificationException.Reason.MISSING_HEADER, assertThrows(WebhookVerificationException.class,
                () -> Webhook.constructEvent(BODY, only(signed, "Hub2-Signature"), CURRENT.value())).reason());
    }

    @Test
    void generateTestSignatureSignsAsTheApiDoes() {
        Map<String, String> headers = Webhook.generateTestSignature(BODY, CURRENT.value(), NOW);

        assertEquals("evt_1", headers.get("webhook-id"));
        assertEquals(Long.toString(NOW.getEpochSecond()), headers.get("webhook-timestamp"));
        assertEquals(WebhookSignatures.sign("evt_1", NOW, BODY, CURRENT, null), headers, "the same four headers as the API's signer");
        assertEquals(List.of(WebhookSignatures.Verification.VALID, WebhookSignatures.Verification.VALID),
                WebhookSignatures.verifyBoth(headers, BODY, CURRENT, NOW));
    }

    @Test
    void theStandardWebhooksSpecificationsExampleVerifies() throws Exception {
        // The example of the Standard Webhooks specification (and its reference libraries' tests): an independent
        // implementation of the v1 scheme to check ours against.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String payload = "{\"test\": 2432232314}";
        Instant at = Instant.ofEpochSecond(1614265330);
        Map<String, String> headers = Map.of("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp", "1614265330",
                "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

        Webhook.verifyStandard(payload.getBytes(StandardCharsets.UTF_8), headers, List.of(secret), Webhook.DEFAULT_TOLERANCE, at);
        assertEquals(headers.get("webhook-signature"),
                Webhook.generateTestSignature(payload, secret, at, "msg_p5jXN8AQM9LWM0D4loKWxJek").get("webhook-signature"));
    }
}
