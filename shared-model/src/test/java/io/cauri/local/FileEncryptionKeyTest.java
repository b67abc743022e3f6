package io.cauri.local;

import io.cauri.sealing.EncryptionKey;
import io.cauri.testing.MovableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The webhook sealing key read from a file (local-api): read again after {@code cauri.webhooks.encryption-key-ttl}
 * and after a SnapStart restore; with the new key first and the old one below it, what the old key sealed still
 * opens.
 */
class FileEncryptionKeyTest {
    private static final String CONTEXT = "webhook:m_1:sandbox:wh_1";
    private static final byte[] SECRET = "whsec_ZmlsZS1rZXktc2VjcmV0LWZpbGUta2V5".getBytes(StandardCharsets.UTF_8);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T09:00:00Z"));

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aRotatedKeyFileIsPickedUpAfterTheTtlAndNotBeforeAndOldSecretsStillOpen(@TempDir Path dir) throws Exception {
        String oldKey = randomKey();
        String newKey = randomKey();
        Path file = dir.resolve("webhook-secrets-key");
        Files.writeString(file, oldKey + "\n");
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("cauri.webhooks.encryption-key-file", file.toString(),
                        "cauri.webhooks.encryption-key-ttl", "PT2M"))
                .singletons(clock).start()) {
            EncryptionKey key = context.getBean(EncryptionKey.class);
            assertInstanceOf(FileEncryptionKey.class, key);
            String sealedByOld = key.seal(SECRET, CONTEXT);

            Files.writeString(file, newKey + "\n" + oldKey + "\n");
            clock.advance(Duration.ofMinutes(2).minusSeconds(1));
            assertArrayEquals(SECRET, LocalEncryptionKey.fromBase64(oldKey).open(key.seal(SECRET, CONTEXT), CONTEXT),
                    "within the TTL the old key still seals");

            clock.advance(Duration.ofSeconds(1));
            String sealedByNew = key.seal(SECRET, CONTEXT);
            assertArrayEquals(SECRET, LocalEncryptionKey.fromBase64(newKey).open(sealedByNew, CONTEXT),
                    "after the TTL the rotated key seals");
            assertThrows(IllegalStateException.class, () -> LocalEncryptionKey.fromBase64(oldKey).open(sealedByNew, CONTEXT));
            assertArrayEquals(SECRET, key.open(sealedByOld, CONTEXT), "what the old key sealed still opens");
            assertArrayEquals(SECRET, key.open(sealedByNew, CONTEXT));
            assertThrows(IllegalStateException.class, () -> key.open(sealedByOld, "webhook:m_2:sandbox:wh_1"));

            Files.writeString(file, oldKey + "\n");
            ((FileEncryptionKey) key).forget(); // what the SnapStart hook does after a restore
            assertArrayEquals(SECRET, LocalEncryptionKey.fromBase64(oldKey).open(key.seal(SECRET, CONTEXT), CONTEXT),
                    "after a restore the next use reads the file");
            assertThrows(IllegalStateException.class, () -> key.open(sealedByNew, CONTEXT));
        }
    }

    @Test
    void aFileThatCannotBeReadAtStartFailsTheStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("webhook-secrets-key");
        try (ApplicationContext context = ApplicationContext.run(Map.of("cauri.webhooks.encryption-key-file", file.toString()))) {
            assertThrows(BeanInstantiationException.class, () -> context.getBean(EncryptionKey.class));
            Files.writeString(file, "not base64 !!\n");
            assertThrows(BeanInstantiationException.class, () -> context.getBean(EncryptionKey.class));
        }
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodKeys(@TempDir Path dir) throws Exception {
        String key1 = randomKey();
        Path file = dir.resolve("webhook-secrets-key");
        Files.writeString(file, key1 + "\n");
        FileEncryptionKey key = new FileEncryptionKey(file, Duration.ofMinutes(5), clock);
        String sealed = key.seal(SECRET, CONTEXT);
        Files.delete(file);
        clock.advance(Duration.ofMinutes(5));
        assertArrayEquals(SECRET, key.open(sealed, CONTEXT), "the last good key still opens");
    }
}
