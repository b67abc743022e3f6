package io.cauri.connector.fedapay;

import io.cauri.provider.ProviderAnswer;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a FedaPay webhook as fedapay-php's {@code WebhookSignature::verifyHeader} does, and reads its event.
 * The header is {@code X-FEDAPAY-SIGNATURE: t=<unix seconds>,s=<hex>} (several {@code s} allowed, e.g. while a
 * secret is rolled); a signature is {@code hex(HMAC-SHA256(webhook secret, t + "." + raw body))}, compared in
 * constant time; the timestamp must be within the tolerance of now (default 5 minutes), so a captured webhook
 * cannot be replayed later. The raw body must be the bytes received: a re-serialised body does not verify.
 *
 * <p>A verified event is still a hint (issue rule: signed callbacks are verified, bound to the payment they name,
 * and applied once): it names our payment through {@code custom_metadata}, and its outcome is what
 * {@link Event#answer()} says.
 */
public final class FedaPayWebhooks {
    public static final String HEADER = "X-FEDAPAY-SIGNATURE";

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    public FedaPayWebhooks(FedaPayConfig config) {
        this(config.webhookSecret(), config.webhookTolerance(), Clock.systemUTC());
    }

    public FedaPayWebhooks(String webhookSecret, Duration tolerance, Clock clock) {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("webhookSecret is required");
        }
        this.secret = webhookSecret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Why a webhook was refused. None of them says anything about the payment: the webhook is ignored. */
    public enum Reason {
        MISSING_HEADER, MALFORMED_HEADER, NO_SIGNATURE, SIGNATURE_MISMATCH, TIMESTAMP_OUTSIDE_TOLERANCE, MALFORMED_BODY
    }

    public sealed interface Verification {
    }

    public record Verified(Event event) implements Verification {
    }

    public record Refused(Reason reason) implements Verification {
    }

    /**
     * A transaction event. {@code name} is {@code transaction.approved}, {@code transaction.declined}, … (read
     * from {@code name}, else {@code type}); {@code paymentId} and {@code intentId} are ours, from the transaction's
     * {@code custom_metadata} (null when the transaction was not made by Cauri).
     */
    public record Event(String id, String name, long transactionId, String status, String lastErrorCode, long amount,
                        String paymentId, String intentId) {

        /** What the event says of the payment, if anything final or pending; empty for an unknown status. */
        public Optional<ProviderAnswer> answer() {
            return FedaPayStatuses.answer(status, lastErrorCode, String.valueOf(transactionId));
        }
    }

    public Verification verify(String rawBody, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return new Refused(Reason.MISSING_HEADER);
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String item : signatureHeader.split(",")) {
            String[] pair = item.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t") && timestamp == null) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException notANumber) {
                    return new Refused(Reason.MALFORMED_HEADER);
                }
            } else if (pair[0].equals("s")) {
                signatures.add(pair[1].toLowerCase(Locale.ROOT));
            }
        }
        if (timestamp == null) {
            return new Refused(Reason.MALFORMED_HEADER);
        }
        if (signatures.isEmpty()) {
            return new Refused(Reason.NO_SIGNATURE);
        }
        byte[] expected = HexFormat.of().formatHex(hmac(timestamp + "." + (rawBody == null ? "" : rawBody)))
                .getBytes(StandardCharsets.US_ASCII);
        boolean found = false;
        for (String signature : signatures) {
            // every candidate compared in full, so the time taken says nothing about which bytes matched
            found |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        if (!found) {
            return new Refused(Reason.SIGNATURE_MISMATCH);
        }
        long age = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (age > tolerance.toSeconds()) {
            return new Refused(Reason.TIMESTAMP_OUTSIDE_TOLERANCE);
        }
        return event(rawBody).<Verification>map(Verified::new).orElse(new Refused(Reason.MALFORMED_BODY));
    }

    private static Optional<Event> event(String rawBody) {
        Object parsed;
        try {
            parsed = Json.parse(rawBody);
        } catch (IOException malformed) {
            return Optional.empty();
        }
        if (!(parsed instanceof Map<?, ?> event)) {
            return Optional.empty();
        }
        Object name = event.get("name") != null ? event.get("name") : event.get("type");
        Object entity = event.get("entity");
        if (entity instanceof String encoded) {
            // the events API gives the entity as a JSON string; webhook deliveries seen give an object
            try {
                entity = Json.parse(encoded);
            } catch (IOException malformed) {
                return Optional.empty();
            }
        }
        if (!(name instanceof String eventName) || !(entity instanceof Map<?, ?> transaction)
                || !(transaction.get("id") instanceof Long transactionId)) {
            return Optional.empty();
        }
        Object metadata = transaction.get("custom_metadata");
        Map<?, ?> ours = metadata instanceof Map<?, ?> m ? m : Map.of();
        return Optional.of(new Event(event.get("id") == null ? null : String.valueOf(event.get("id")), eventName,
                transactionId, text(transaction.get("status")), text(transaction.get("last_error_code")),
                transaction.get("amount") instanceof Long amount ? amount : -1,
                text(ours.get(FedaPayGateway.METADATA_PAYMENT)), text(ours.get(FedaPayGateway.METADATA_INTENT))));
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    private byte[] hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }
}
