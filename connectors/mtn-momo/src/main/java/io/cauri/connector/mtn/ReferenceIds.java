package io.cauri.connector.mtn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The {@code X-Reference-Id} of a payment: derived from the payment id, so every request for one payment (a
 * retry after a timeout, a status read by another function) names the same request to pay, and MTN answers a
 * second debit request with 409 instead of debiting again.
 *
 * <p>Not a name-based UUID ({@link UUID#nameUUIDFromBytes} gives version 3, version 5 is the SHA-1 form): MTN
 * answers 400 to a reference id that is not a UUID version 4. The id is the first 16 bytes of
 * SHA-256("cauri/mtn-momo/" + payment id) with the version 4 and RFC 4122 variant bits set: the shape of a
 * random UUID, the determinism of a name-based one. Payment ids are unique, so are the reference ids (122
 * bits of a hash).
 */
public final class ReferenceIds {
    private static final String NAMESPACE = "cauri/mtn-momo/";

    private ReferenceIds() {
    }

    public static String of(String paymentId) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest((NAMESPACE + paymentId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x40); // version 4
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // RFC 4122 variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }
}
