package io.cauri.webhook;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A webhook signing secret, {@code whsec_} + base64 of 32 random bytes: the Standard Webhooks format, so
 * their libraries take it as is. The two schemes use it as their libraries expect: HUB2's {@code s1}/{@code s0}
 * are keyed with the secret string's UTF-8 bytes (HUB2's examples HMAC the body with the secret as given),
 * Standard Webhooks' {@code v1} with the base64-decoded bytes after the prefix. Never logged.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";

    private final String value;

    public WebhookSecret(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        try {
            if (Base64.getDecoder().decode(value.substring(PREFIX.length())).length < 24) {
                throw new IllegalArgumentException("a webhook secret holds at least 24 bytes");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is whsec_ + base64", e);
        }
        this.value = value;
    }

    public static WebhookSecret generate() {
        byte[] bytes = new byte[32];
        Random.INSTANCE.nextBytes(bytes);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(bytes));
    }

    /** The secret as shown to the merchant (only at creation and rotation). */
    public String value() {
        return value;
    }

    byte[] hub2Key() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    byte[] standardKey() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }

    /** Created on first use, not at class init: a SnapStart snapshot must not carry a seeded generator. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }
}
