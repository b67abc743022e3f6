package io.cauri.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Both signature schemes of docs/CONTRACT.md §5, for the dispatcher (sign) and for merchants and tests (verify):
 * <ul>
 *   <li>HUB2: {@code Hub2-Signature: s1=<hex HMAC-SHA256(body)>} with the current secret, plus
 *       {@code ,s0=<…>} with the previous one during the 24 h after a rotation;</li>
 *   <li>Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 *       {@code webhook-signature: v1,<base64 HMAC-SHA256("id.timestamp.body")>}, one space-separated entry
 *       per secret in use.</li>
 * </ul>
 */
public final class WebhookSignatures {
    public static final String HUB2_SIGNATURE = "Hub2-Signature";
    public static final String WEBHOOK_ID = "webhook-id";
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";
    /** How far a receiver should accept {@code webhook-timestamp} from its clock (Standard Webhooks' advice). */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** Why a delivery was accepted or refused; a receiver answers anything but VALID with 400 or 401. */
    public enum Verification { VALID, MISSING_HEADER, STALE_TIMESTAMP, BAD_SIGNATURE }

    private WebhookSignatures() {
    }

    /** The headers of one delivery attempt; {@code previous} may be null. Insertion order is stable. */
    public static Map<String, String> sign(String webhookId, Instant timestamp, String body, WebhookSecret current,
                                           WebhookSecret previous) {
        Map<String, String> headers = new LinkedHashMap<>();
        String hub2 = "s1=" + hub2(body, current);
        if (previous != null) {
            hub2 += ",s0=" + hub2(body, previous);
        }
        long seconds = timestamp.getEpochSecond();
        String standard = "v1," + standard(webhookId, seconds, body, current);
        if (previous != null) {
            standard += " v1," + standard(webhookId, seconds, body, previous);
        }
        headers.put(HUB2_SIGNATURE, hub2);
        headers.put(WEBHOOK_ID, webhookId);
        headers.put(WEBHOOK_TIMESTAMP, Long.toString(seconds));
        headers.put(WEBHOOK_SIGNATURE, standard);
        return headers;
    }

    /** HUB2 scheme: valid if {@code s1} or {@code s0} is the body's HMAC with this secret. No timestamp. */
    public static Verification verifyHub2(Map<String, String> headers, String body, WebhookSecret secret) {
        String header = header(headers, HUB2_SIGNATURE);
        if (header == null || header.isBlank()) {
            return Verification.MISSING_HEADER;
        }
        byte[] expected = hub2(body, secret).getBytes(StandardCharsets.US_ASCII);
        for (String part : header.split(",")) {
            String p = part.strip();
            if ((p.startsWith("s1=") || p.startsWith("s0="))
                    && MessageDigest.isEqual(expected, p.substring(3).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                return Verification.VALID;
            }
        }
        return Verification.BAD_SIGNATURE;
    }

    /** Standard Webhooks scheme: headers present, timestamp within {@code tolerance} of now, one v1 entry matching. */
    public static Verification verifyStandard(Map<String, String> headers, String body, WebhookSecret secret,
                                              Instant now, Duration tolerance) {
        String id = header(headers, WEBHOOK_ID);
        String timestamp = header(headers, WEBHOOK_TIMESTAMP);
        String signatures = header(headers, WEBHOOK_SIGNATURE);
        if (id == null || timestamp == null || signatures == null || id.isBlank() || signatures.isBlank()) {
            return Verification.MISSING_HEADER;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Verification.STALE_TIMESTAMP;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return Verification.STALE_TIMESTAMP;
        }
        byte[] expected = standard(id, seconds, body, secret).getBytes(StandardCharsets.US_ASCII);
        for (String entry : signatures.strip().split(" +")) {
            if (entry.startsWith("v1,") && MessageDigest.isEqual(expected, entry.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return Verification.VALID;
            }
        }
        return Verification.BAD_SIGNATURE;
    }

    /** Both schemes at once, as the tests and the README's receiver check a delivery. */
    public static List<Verification> verifyBoth(Map<String, String> headers, String body, WebhookSecret secret, Instant now) {
        List<Verification> results = new ArrayList<>(2);
        results.add(verifyHub2(headers, body, secret));
        results.add(verifyStandard(headers, body, secret, now, DEFAULT_TOLERANCE));
        return results;
    }

    static String hub2(String body, WebhookSecret secret) {
        return HexFormat.of().formatHex(hmac(secret.hub2Key(), body));
    }

    static String standard(String id, long timestamp, String body, WebhookSecret secret) {
        return Base64.getEncoder().encodeToString(hmac(secret.standardKey(), id + "." + timestamp + "." + body));
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Header names are case-insensitive. */
    private static String header(Map<String, String> headers, String name) {
        if (headers instanceof TreeMap<String, String> tree && tree.comparator() == String.CASE_INSENSITIVE_ORDER) {
            return tree.get(name);
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
