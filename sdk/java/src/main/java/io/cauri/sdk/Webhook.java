package io.cauri.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Verifies the webhook deliveries Cauri signs (README "Webhooks"). Every delivery carries two signature schemes;
 * {@link #verify} and {@link #constructEvent} demand the first, the only one that resists a replay:
 * <ul>
 *   <li>Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 *       {@code webhook-signature: v1,<base64 HMAC-SHA256("{id}.{timestamp}.{body}")>} keyed with the base64-decoded
 *       part of the secret after {@code whsec_}, one space-separated {@code v1,} entry per secret in use. It carries
 *       a timestamp: a delivery older (or newer) than the tolerance is refused.</li>
 *   <li>HUB2: {@code Hub2-Signature: s1=<hex HMAC-SHA256(body)>} keyed with the secret string's UTF-8 bytes,
 *       plus {@code ,s0=<…>} with the previous secret for 24 h after a rotation. It has no timestamp, so a delivery
 *       captured once verifies forever (no replay protection): it is checked only by {@link #verifyHub2}, called
 *       explicitly (a HUB2-style relay that forwards only that header). Falling back to it when the
 *       {@code webhook-*} headers are missing would let anyone who strips them replay an old delivery.</li>
 * </ul>
 * Signatures are compared in constant time over the exact bytes received (never re-serialized JSON). Several secrets
 * may be given (your side of a rotation); any one matching any signature of the header is enough.
 */
public final class Webhook {
    public static final String HUB2_SIGNATURE = "Hub2-Signature";
    public static final String WEBHOOK_ID = "webhook-id";
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";
    /** How far {@code webhook-timestamp} may be from the receiver's clock (Standard Webhooks' advice: 5 min). */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET_PREFIX = "whsec_";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Webhook() {
    }

    /** A verified event: its envelope's fields and {@code data} (the intent or payment as the API shows it). */
    public record Event(String id, String type, String createdAt, String mode, JsonNode data, JsonNode json) {
    }

    /** {@link #constructEvent(byte[], Map, List, Duration, Clock)} with one secret, 5 minutes of tolerance, now. */
    public static Event constructEvent(String payload, Map<String, ?> headers, String secret) throws WebhookVerificationException {
        return constructEvent(payload.getBytes(StandardCharsets.UTF_8), headers, List.of(secret), DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /**
     * Verifies the delivery and parses it. {@code headers}: the request's headers, names in any case, values a
     * {@code String} or a {@code List<String>} (as servlet and JDK servers give them).
     */
    public static Event constructEvent(byte[] payload, Map<String, ?> headers, List<String> secrets, Duration tolerance,
                                       Clock clock) throws WebhookVerificationException {
        verify(payload, headers, secrets, tolerance, clock);
        try {
            JsonNode json = JSON.readTree(payload);
            if (json == null || !json.isObject()) {
                throw new WebhookVerificationException(WebhookVerificationException.Reason.INVALID_PAYLOAD, "the body is not a JSON object");
            }
            return new Event(text(json, "id"), text(json, "type"), text(json, "createdAt"), text(json, "mode"), json.get("data"), json);
        } catch (IOException e) {
            throw new WebhookVerificationException(WebhookVerificationException.Reason.INVALID_PAYLOAD, "the body is not JSON", e);
        }
    }

    /**
     * The Standard Webhooks scheme, which every delivery carries; throws if the delivery is not genuine, or
     * ({@code MISSING_HEADER}) if its {@code webhook-*} headers are absent, even with a {@code Hub2-Signature}:
     * HUB2 has no timestamp, use {@link #verifyHub2} explicitly where only that header reaches you.
     */
    public static void verify(byte[] payload, Map<String, ?> headers, List<String> secrets, Duration tolerance, Clock clock)
            throws WebhookVerificationException {
        verifyStandard(payload, headers, secrets, tolerance, clock.instant());
    }

    /** The Standard Webhooks scheme only. */
    public static void verifyStandard(byte[] payload, Map<String, ?> headers, List<String> secrets, Duration tolerance,
                                      Instant now) throws WebhookVerificationException {
        String id = header(headers, WEBHOOK_ID);
        String timestamp = header(headers, WEBHOOK_TIMESTAMP);
        String signatures = header(headers, WEBHOOK_SIGNATURE);
        if (blank(id) || blank(timestamp) || blank(signatures)) {
            throw new WebhookVerificationException(WebhookVerificationException.Reason.MISSING_HEADER,
                    "webhook-id, webhook-timestamp and webhook-signature are all required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException(WebhookVerificationException.Reason.INVALID_TIMESTAMP,
                    "webhook-timestamp is not Unix seconds", e);
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            throw new WebhookVerificationException(WebhookVerificationException.Reason.TIMESTAMP_OUTSIDE_TOLERANCE,
                    "webhook-timestamp is more than " + tolerance.toSeconds() + " s from now");
        }
        byte[] signed = concat((id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8), payload);
        for (String secret : requireSecrets(secrets)) {
            byte[] expected = Base64.getEncoder().encode(hmac(standardKey(secret), signed));
            for (String entry : signatures.strip().split(" +")) {
                if (entry.startsWith("v1,") && MessageDigest.isEqual(expected, entry.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                    return;
                }
            }
        }
        throw new WebhookVerificationException(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE,
                "no v1 signature matches the body with the secret(s) given");
    }

    /**
     * The HUB2 scheme only. It has no timestamp, hence no replay protection: a delivery once captured verifies
     * forever. Use it only where the {@code webhook-*} headers cannot reach you, and then drop repeated event ids.
     */
    public static void verifyHub2(byte[] payload, Map<String, ?> headers, List<String> secrets) throws WebhookVerificationException {
        String header = header(headers, HUB2_SIGNATURE);
        if (blank(header)) {
            throw new WebhookVerificationException(WebhookVerificationException.Reason.MISSING_HEADER, "no Hub2-Signature header");
        }
        for (String secret : requireSecrets(secrets)) {
            byte[] expected = HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), payload))
                    .getBytes(StandardCharsets.US_ASCII);
            for (String part : header.split(",")) {
                String p = part.strip();
                if ((p.startsWith("s1=") || p.startsWith("s0="))
                        && MessageDigest.isEqual(expected, p.substring(3).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                    return;
                }
            }
        }
        throw new WebhookVerificationException(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE,
                "no s1/s0 signature matches the body with the secret(s) given");
    }

    /**
     * The headers Cauri would send with {@code payload} signed by {@code secret} at {@code timestamp} (both schemes),
     * for testing your webhook handler without the API. The {@code webhook-id} is the payload's {@code id} when it
     * has one, else a random {@code evt_test_…}.
     */
    public static Map<String, String> generateTestSignature(String payload, String secret, Instant timestamp) {
        String id;
        try {
            JsonNode json = JSON.readTree(payload);
            id = json != null && json.hasNonNull("id") ? json.get("id").asText() : null;
        } catch (IOException e) {
            id = null;
        }
        return generateTestSignature(payload, secret, timestamp, id != null ? id : "evt_test_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** As {@link #generateTestSignature(String, String, Instant)} with the {@code webhook-id} given. */
    public static Map<String, String> generateTestSignature(String payload, String secret, Instant timestamp, String webhookId) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        long seconds = timestamp.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HUB2_SIGNATURE, "s1=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body)));
        headers.put(WEBHOOK_ID, webhookId);
        headers.put(WEBHOOK_TIMESTAMP, Long.toString(seconds));
        headers.put(WEBHOOK_SIGNATURE, "v1," + Base64.getEncoder().encodeToString(
                hmac(standardKey(secret), concat((webhookId + "." + seconds + ".").getBytes(StandardCharsets.UTF_8), body))));
        return headers;
    }

    private static List<String> requireSecrets(List<String> secrets) throws WebhookVerificationException {
        if (secrets == null || secrets.isEmpty()) {
            throw new WebhookVerificationException(WebhookVerificationException.Reason.INVALID_SECRET, "no secret given");
        }
        List<String> valid = new ArrayList<>(secrets.size());
        for (String s : secrets) {
            try {
                standardKey(s);
            } catch (IllegalArgumentException e) {
                throw new WebhookVerificationException(WebhookVerificationException.Reason.INVALID_SECRET, e.getMessage(), e);
            }
            valid.add(s);
        }
        return valid;
    }

    /** The Standard Webhooks key: the bytes base64-encoded after {@code whsec_}. */
    private static byte[] standardKey(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        if (key.length == 0) {
            throw new IllegalArgumentException("a webhook secret is whsec_ + base64 of its key");
        }
        return key;
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A header by name, any case; a list value gives its first element. */
    static String header(Map<String, ?> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, ?> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                Object v = e.getValue();
                if (v instanceof List<?> list) {
                    return list.isEmpty() || list.get(0) == null ? null : list.get(0).toString();
                }
                return v == null ? null : v.toString();
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
