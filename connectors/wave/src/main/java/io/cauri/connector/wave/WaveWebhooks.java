package io.cauri.connector.wave;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies a webhook from Wave signed with the "signing secret" strategy: {@code Wave-Signature: t=<unix seconds>,
 * v1=<hex>[,v1=<hex>…]} where a {@code v1} is {@code hex(HMAC-SHA256(webhook secret, t + raw body))}. Wave may send
 * several {@code v1} values (one per active secret while a secret is rotated): the webhook is authentic when any
 * of them matches. Comparisons are constant-time; a timestamp further than the tolerance from now (either way) is
 * refused, so a captured webhook cannot be replayed later. The body is read only after the signature matched:
 * nothing of an unsigned or forged body is ever trusted.
 *
 * <p>A verified event is a hint, not a verdict: whoever applies it binds it to the payment it names and re-reads
 * the session before moving money (docs/PROVIDERS.md §6.2).
 */
public final class WaveWebhooks {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final int MAX_V1 = 16;

    /** Why a webhook was refused. */
    public enum Reason {
        MISSING_SIGNATURE, MALFORMED_SIGNATURE, TIMESTAMP_OUT_OF_TOLERANCE, SIGNATURE_MISMATCH, MALFORMED_BODY
    }

    /** An authentic webhook: its event, with the checkout session it names. */
    public record WaveEvent(String id, String type, String sessionId, String clientReference, String checkoutStatus,
                            String paymentStatus, String transactionId, String lastPaymentErrorCode) {

        public boolean isCheckoutCompleted() {
            return "checkout.session.completed".equals(type);
        }

        public boolean isCheckoutPaymentFailed() {
            return "checkout.session.payment_failed".equals(type);
        }
    }

    public sealed interface Verification {
    }

    public record Verified(WaveEvent event) implements Verification {
    }

    public record Refused(Reason reason) implements Verification {
    }

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;

    public WaveWebhooks(String webhookSecret) {
        this(webhookSecret, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    public WaveWebhooks(String webhookSecret, Duration tolerance, Clock clock) {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        this.secret = webhookSecret;
        if (tolerance == null || tolerance.isNegative()) {
            throw new IllegalArgumentException("the timestamp tolerance must be zero or more");
        }
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** @param signatureHeader the {@code Wave-Signature} header (null when absent); @param body the raw body bytes */
    public Verification verify(String signatureHeader, byte[] body) {
        if (body == null) {
            return new Refused(Reason.MALFORMED_BODY);
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return new Refused(Reason.MISSING_SIGNATURE);
        }
        String t = null;
        List<String> v1 = new ArrayList<>();
        for (String part : signatureHeader.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return new Refused(Reason.MALFORMED_SIGNATURE);
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                if (t != null) {
                    return new Refused(Reason.MALFORMED_SIGNATURE); // two timestamps: which one was signed?
                }
                t = value;
            } else if (name.equals("v1")) {
                v1.add(value);
            } // another scheme name: a future version, ignored like Wave's samples do
        }
        if (t == null || !t.matches("[0-9]{1,12}") || v1.isEmpty() || v1.size() > MAX_V1) {
            return new Refused(Reason.MALFORMED_SIGNATURE);
        }
        long age = clock.instant().getEpochSecond() - Long.parseLong(t);
        if (Math.abs(age) > tolerance.getSeconds()) {
            return new Refused(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
        }
        byte[] expected = WaveSignature.hex(secret, t, body)
                .getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : v1) {
            // every value compared, in constant time each: no early exit tells a forger which one was close
            matched |= MessageDigest.isEqual(expected, candidate.toLowerCase(java.util.Locale.ROOT)
                    .getBytes(StandardCharsets.US_ASCII));
        }
        if (!matched) {
            return new Refused(Reason.SIGNATURE_MISMATCH);
        }
        return event(body);
    }

    private static Verification event(byte[] body) {
        Map<String, Object> event;
        try {
            event = WaveJson.object(body);
        } catch (IOException e) {
            return new Refused(Reason.MALFORMED_BODY);
        }
        String id = WaveJson.string(event, "id");
        String type = WaveJson.string(event, "type");
        if (id == null || type == null || !(event.get("data") instanceof Map<?, ?> raw)) {
            return new Refused(Reason.MALFORMED_BODY);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) raw;
        String sessionId = WaveJson.string(data, "id");
        if (sessionId == null) {
            return new Refused(Reason.MALFORMED_BODY);
        }
        String errorCode = data.get("last_payment_error") instanceof Map<?, ?> e && e.get("code") instanceof String c
                ? c : null;
        return new Verified(new WaveEvent(id, type, sessionId, WaveJson.string(data, "client_reference"),
                WaveJson.string(data, "checkout_status"), WaveJson.string(data, "payment_status"),
                WaveJson.string(data, "transaction_id"), errorCode));
    }
}
