package io.cauri.sealing;

import io.cauri.local.LocalEncryptionKey;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Secrets at rest: AES-256-GCM, bound to their row's context, tamper-evident. */
class EncryptionKeyTest {
    static LocalEncryptionKey key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return LocalEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
    }

    final LocalEncryptionKey key = key();
    final byte[] secret = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealsAndOpensWithTheSameContext() {
        String sealed = key.seal(secret, "webhook:m_1:sandbox:wh_1");
        assertArrayEquals(secret, key.open(sealed, "webhook:m_1:sandbox:wh_1"));
        assertFalse(sealed.contains("whsec_"), sealed);
    }

    @Test
    void everySealUsesAFreshNonce() {
        assertNotEquals(key.seal(secret, "c"), key.seal(secret, "c"));
    }

    @Test
    void anotherContextAnotherKeyOrATamperedValueDoNotOpen() {
        String sealed = key.seal(secret, "webhook:m_1:sandbox:wh_1");
        assertThrows(IllegalStateException.class, () -> key.open(sealed, "webhook:m_2:sandbox:wh_1"));
        assertThrows(IllegalStateException.class, () -> key().open(sealed, "webhook:m_1:sandbox:wh_1"));
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThrows(IllegalStateException.class, () -> key.open(tampered, "webhook:m_1:sandbox:wh_1"));
        assertThrows(IllegalStateException.class, () -> key.open("kms1.abc.def", "webhook:m_1:sandbox:wh_1"));
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new LocalEncryptionKey(new byte[16]));
        assertEquals("LocalEncryptionKey[256 bits, redacted]", key.toString());
    }
}
