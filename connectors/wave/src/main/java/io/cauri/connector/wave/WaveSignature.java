package io.cauri.connector.wave;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Wave's signature, the same for signed requests and for webhooks: {@code hex(HMAC-SHA256(secret, t + body))}
 * where {@code t} is the unix time in seconds written in decimal and {@code body} the exact bytes sent (empty for a
 * GET), concatenated with no separator; carried as {@code Wave-Signature: t=<t>,v1=<hex>}.
 */
final class WaveSignature {

    static final String HEADER = "Wave-Signature";

    private WaveSignature() {
    }

    static String hex(String secret, String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(t.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    static String header(String secret, long epochSeconds, byte[] body) {
        String t = Long.toString(epochSeconds);
        return "t=" + t + ",v1=" + hex(secret, t, body);
    }
}
