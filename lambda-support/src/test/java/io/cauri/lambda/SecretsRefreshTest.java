package io.cauri.lambda;

import com.nimbusds.jwt.SignedJWT;
import io.cauri.aws.SecretsManagerConnectorSettings;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.local.LocalEncryptionKey;
import io.cauri.merchant.Mode;
import io.cauri.sealing.EncryptionKey;
import io.cauri.testing.LocalEvents;
import io.cauri.token.IntentTokens;
import io.cauri.token.SigningKey;
import io.micronaut.context.ApplicationContext;
import io.cauri.provider.ConnectorSettings;
import io.cauri.testing.FakeSecretsManager;
import io.cauri.testing.LocalFunction;
import org.crac.Core;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a function's real handler context whose connector settings come from Secrets Manager (a strict fake of
 * GetSecretValue on 127.0.0.1), whose token signing keys and webhook sealing key come from files: the SnapStart
 * hook exists from init without reading anything, and each of its CRaC callbacks makes the next use of a
 * connector, of the signing keys and of the sealing key read its source again, so a rotation done while the
 * snapshot slept is seen.
 */
class SecretsRefreshTest {
    private static final String SECRET = "cauri/live/fedapay";
    private static final String KEY_A = "a".repeat(20) + "-signing-key-before-snapshot";
    private static final String KEY_B = "b".repeat(20) + "-signing-key-rotated-asleep";
    private static final PaymentIntent INTENT = PaymentIntent.open("pi_AAAAAAAAAAAAAAAAAAAAA", "m_merchant1",
            Mode.SANDBOX, Instant.now(), "order-1", "cust-1", 100, Currency.XOF, null);

    private FakeSecretsManager fake;
    private LocalFunction function;

    @BeforeEach
    void start() throws Exception {
        fake = FakeSecretsManager.start();
        function = new LocalFunction(Map.of("cauri.connector-secrets.fedapay", SECRET,
                "cauri.connector-secrets-endpoint", fake.endpoint()));
    }

    @AfterEach
    void stop() {
        function.close();
        assertEquals(List.of(), fake.refused());
        fake.close();
    }

    private static String fedapay(String secretKey) {
        return FakeSecretsManager.json(Map.of("baseUrl", "https://api.fedapay.com", "secretKey", secretKey,
                "webhookSecret", "wh_sandbox_f3d9"));
    }

    @Test
    void theHookIsThereFromInitAndReadsNothing() {
        assertTrue(function.context().getActiveBeanRegistrations(SecretsRefresh.class).size() == 1,
                "created with the context (it must be registered with CRaC before the snapshot)");
        assertInstanceOf(SecretsManagerConnectorSettings.class, function.context().getBean(ConnectorSettings.class));
        assertEquals(0, fake.reads(SECRET));
    }

    @Test
    void afterARestoreTheNextUseReadsTheSecretAgain() {
        readsAgainAfter(hook -> hook.afterRestore(Core.getGlobalContext()));
    }

    @Test
    void nothingReadBeforeTheSnapshotIsUsedAfterIt() {
        readsAgainAfter(hook -> hook.beforeCheckpoint(Core.getGlobalContext()));
    }

    private void readsAgainAfter(java.util.function.Consumer<SecretsRefresh> callback) {
        ConnectorSettings settings = function.context().getBean(ConnectorSettings.class);
        fake.put(SECRET, fedapay("sk_live_before_snapshot_81c2"));
        assertEquals("sk_live_before_snapshot_81c2", settings.of("fedapay").orElseThrow().get("secretKey"));
        fake.put(SECRET, fedapay("sk_live_rotated_while_asleep_5d0e"));

        callback.accept(function.context().getBean(SecretsRefresh.class));

        assertEquals(1, fake.reads(SECRET), "the hook reads nothing itself");
        assertEquals("sk_live_rotated_while_asleep_5d0e", settings.of("fedapay").orElseThrow().get("secretKey"));
        assertEquals(2, fake.reads(SECRET));
        settings.of("fedapay");
        assertEquals(2, fake.reads(SECRET), "then cached again");
    }

    @Test
    void afterARestoreTheNextTokenUsesTheRotatedSigningKeyAndOldTokensStillVerify(@TempDir Path dir) throws Exception {
        signingKeysReadAgainAfter(dir, hook -> hook.afterRestore(Core.getGlobalContext()));
    }

    @Test
    void signingKeysReadBeforeTheSnapshotAreNotUsedAfterIt(@TempDir Path dir) throws Exception {
        signingKeysReadAgainAfter(dir, hook -> hook.beforeCheckpoint(Core.getGlobalContext()));
    }

    private void signingKeysReadAgainAfter(Path dir, Consumer<SecretsRefresh> callback) throws Exception {
        Path file = dir.resolve("token-signing-key");
        Files.writeString(file, KEY_A + "\n");
        try (LocalFunction keyed = new LocalFunction(Map.of("cauri.token.signing-key-file", file.toString()))) {
            IntentTokens tokens = keyed.context().getBean(IntentTokens.class);
            String before = tokens.issue(INTENT);
            Files.writeString(file, KEY_B + "\n" + KEY_A + "\n"); // rotated while the snapshot slept
            assertEquals(kid(KEY_A), SignedJWT.parse(tokens.issue(INTENT)).getHeader().getKeyID(), "cached");

            callback.accept(keyed.context().getBean(SecretsRefresh.class));

            String after = tokens.issue(INTENT);
            assertEquals(kid(KEY_B), SignedJWT.parse(after).getHeader().getKeyID(), "the rotated key signs");
            assertEquals(INTENT.id(), tokens.verify(before).intentId(), "a token of the previous key still verifies");
            assertEquals(INTENT.id(), tokens.verify(after).intentId());
        }
    }

    @Test
    void afterARestoreTheNextSealUsesTheRotatedKeyFile(@TempDir Path dir) throws Exception {
        String oldKey = LocalEvents.ENCRYPTION_KEY;
        byte[] rotated = new byte[32];
        new SecureRandom().nextBytes(rotated);
        String newKey = Base64.getEncoder().encodeToString(rotated);
        Path file = dir.resolve("webhook-secrets-key");
        Files.writeString(file, oldKey + "\n");
        try (LocalFunction sealing = new LocalFunction(Map.of("cauri.webhooks.encryption-key-file", file.toString()))) {
            EncryptionKey key = sealing.context().getBean(EncryptionKey.class);
            byte[] secret = "whsec_cmVzdG9yZS1yZXN0b3JlLXJlc3RvcmU".getBytes(StandardCharsets.UTF_8);
            String sealedBefore = key.seal(secret, "webhook:m_1:live:wh_1");
            Files.writeString(file, newKey + "\n" + oldKey + "\n");

            sealing.context().getBean(SecretsRefresh.class).afterRestore(Core.getGlobalContext());

            String sealedAfter = key.seal(secret, "webhook:m_1:live:wh_1");
            assertArrayEquals(secret, LocalEncryptionKey.fromBase64(newKey).open(sealedAfter, "webhook:m_1:live:wh_1"));
            assertArrayEquals(secret, key.open(sealedBefore, "webhook:m_1:live:wh_1"), "old secrets still open");
        }
    }

    @Test
    void aFunctionWithoutAnySecretCacheHasNoHook() {
        try (ApplicationContext plain = ApplicationContext.run(Map.of("micronaut.server.port", -1))) {
            assertFalse(plain.containsBean(SecretsRefresh.class));
            assertFalse(plain.getBean(ConnectorSettings.class) instanceof SecretsManagerConnectorSettings);
        }
    }

    private static String kid(String key) {
        return new SigningKey(key.getBytes(StandardCharsets.UTF_8)).id();
    }
}
