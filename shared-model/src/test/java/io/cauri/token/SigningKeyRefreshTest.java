package io.cauri.token;

import com.nimbusds.jwt.SignedJWT;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.cauri.secret.CachedSecret;
import io.cauri.testing.FakeSecretsManager;
import io.cauri.testing.MovableClock;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token signing keys are read again after {@code cauri.token.signing-key-ttl} and after a SnapStart restore
 * ({@code forget()}), from a key file (through the application context, as a function gets them) and from
 * Secrets Manager (the real SDK client against a strict fake of GetSecretValue on 127.0.0.1); a token signed
 * with the previous key keeps verifying through the rotation.
 */
class SigningKeyRefreshTest {
    private static final String KEY_A = "a".repeat(20) + "-first-signing-key-7Qx2";
    private static final String KEY_B = "b".repeat(20) + "-rotated-signing-key-9Lm4";
    private static final String SECRET_ID = "cauri/token-signing-key";
    private static final Instant CREATED = Instant.parse("2026-12-06T09:00:00Z");
    private static final PaymentIntent INTENT = PaymentIntent.open("pi_AAAAAAAAAAAAAAAAAAAAA", "m_merchant1",
            Mode.SANDBOX, CREATED, "order-1", "cust-1", 100, Currency.XOF, null);

    private final MovableClock clock = new MovableClock(CREATED.plusSeconds(60));
    private FakeSecretsManager fake;

    @BeforeEach
    void start() throws Exception {
        fake = FakeSecretsManager.start();
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), fake.refused());
        fake.close();
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static SigningKey key(String secret) {
        return new SigningKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRotatedKeyFileIsPickedUpAfterTheTtlAndNotBeforeAndOldTokensStillVerify(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token-signing-key");
        Files.writeString(file, KEY_A + "\n");
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("cauri.token.signing-key-file", file.toString(),
                        "cauri.token.signing-key-ttl", "PT10M"))
                .singletons(clock).start()) {
            IntentTokens tokens = context.getBean(IntentTokens.class);
            String before = tokens.issue(INTENT);
            assertEquals(key(KEY_A).id(), kid(before));

            Files.writeString(file, KEY_B + "\n" + KEY_A + "\n"); // the rotation: new key first, old one kept
            clock.advance(Duration.ofMinutes(10).minusSeconds(1));
            assertEquals(key(KEY_A).id(), kid(tokens.issue(INTENT)), "within the TTL: the cached keys");

            clock.advance(Duration.ofSeconds(1));
            String after = tokens.issue(INTENT);
            assertEquals(key(KEY_B).id(), kid(after), "the rotated key signs once the TTL has passed");
            assertEquals(INTENT.id(), tokens.verify(before).intentId(), "a token of the previous key still verifies");
            assertEquals(INTENT.id(), tokens.verify(after).intentId());

            Files.writeString(file, KEY_B + "\n"); // 48 h later the previous key is removed
            clock.advance(Duration.ofMinutes(10));
            assertThrows(InvalidTokenException.class, () -> tokens.verify(before), "its tokens stop working");
            assertEquals(INTENT.id(), tokens.verify(after).intentId());

            Files.writeString(file, KEY_A + "\n" + KEY_B + "\n");
            context.getBean(RefreshedSigningKeys.class).forget(); // what the SnapStart hook does after a restore
            assertEquals(key(KEY_A).id(), kid(tokens.issue(INTENT)), "after a restore the next use reads the file");
        }
    }

    private CachedSecret<SigningKeys> fromSecretsManager(AtomicInteger clientsBuilt) {
        SigningKeySource source = new SigningKeySource(SECRET_ID, "", "", () -> {
            clientsBuilt.incrementAndGet();
            return fake.client();
        });
        return new CachedSecret<>(source.name(), source::read, Duration.ofMinutes(5), clock);
    }

    @Test
    void aRotatedSecretIsPickedUpAfterTheTtlAndAfterARestore() {
        AtomicInteger clientsBuilt = new AtomicInteger();
        fake.put(SECRET_ID, KEY_A);
        RefreshedSigningKeys keys = new RefreshedSigningKeys(fromSecretsManager(clientsBuilt));
        IntentTokens tokens = new IntentTokens(keys, Duration.ofHours(48), clock);
        String before = tokens.issue(INTENT);
        assertEquals(1, fake.reads(SECRET_ID));

        fake.put(SECRET_ID, KEY_B + "\n" + KEY_A);
        clock.advance(Duration.ofMinutes(4));
        assertEquals(key(KEY_A), keys.get().current(), "within the TTL: cached");
        assertEquals(INTENT.id(), tokens.verify(before).intentId());
        assertEquals(1, fake.reads(SECRET_ID), "no read per request");

        clock.advance(Duration.ofMinutes(1));
        assertEquals(key(KEY_B), keys.get().current());
        assertEquals(List.of(key(KEY_A)), keys.get().previous());
        assertEquals(INTENT.id(), tokens.verify(before).intentId(), "the previous key still verifies");
        assertEquals(2, fake.reads(SECRET_ID));

        fake.put(SECRET_ID, KEY_A);
        keys.forget();
        assertEquals(2, fake.reads(SECRET_ID), "forgetting reads nothing");
        assertEquals(key(KEY_A), keys.get().current(), "after a restore the next use reads the secret");
        assertEquals(3, fake.reads(SECRET_ID));
        assertEquals(1, clientsBuilt.get(), "the client is built once and kept for the refreshes");
    }

    @Test
    void afterARestoreTheKeysAreReadAgainOnTheirOwnThreadBeforeTheFirstUse() throws Exception {
        fake.put(SECRET_ID, KEY_A);
        RefreshedSigningKeys keys = new RefreshedSigningKeys(fromSecretsManager(new AtomicInteger()));
        assertEquals(key(KEY_A), keys.get().current());
        fake.put(SECRET_ID, KEY_B + "\n" + KEY_A);

        keys.forget();
        keys.prefetch(); // what the SnapStart hook does after a restore

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fake.reads(SECRET_ID) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, fake.reads(SECRET_ID), "read again with no use asking");
        assertEquals(key(KEY_B), keys.get().current());
        assertEquals(2, fake.reads(SECRET_ID), "the first use finds the keys the prefetch read");
    }

    @Test
    void concurrentFirstUsesMakeOneRead() throws Exception {
        fake.put(SECRET_ID, KEY_A);
        fake.delay(300); // the first read is still in flight when the others ask
        RefreshedSigningKeys keys = new RefreshedSigningKeys(fromSecretsManager(new AtomicInteger()));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SigningKeys>> uses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                uses.add(pool.submit(() -> {
                    go.await();
                    return keys.get();
                }));
            }
            go.countDown();
            for (Future<SigningKeys> use : uses) {
                assertEquals(key(KEY_A), use.get().current());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fake.reads(SECRET_ID));
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodKeysAndSaysSoWithoutThem() {
        fake.put(SECRET_ID, KEY_A);
        RefreshedSigningKeys keys = new RefreshedSigningKeys(fromSecretsManager(new AtomicInteger()));
        IntentTokens tokens = new IntentTokens(keys, Duration.ofHours(48), clock);
        String before = tokens.issue(INTENT);
        fake.delete(SECRET_ID); // Secrets Manager answers ResourceNotFoundException
        clock.advance(Duration.ofMinutes(5));

        String log = captured(() -> assertEquals(INTENT.id(), tokens.verify(before).intentId()));

        assertTrue(log.contains("token signing keys (secret " + SECRET_ID + "): cannot be read "
                + "(ResourceNotFoundException); keeping the value read at"), log);
        assertFalse(log.contains(KEY_A) || log.contains("7Qx2"), "the log shows the key: " + log);
        assertEquals(2, fake.reads(SECRET_ID));
        tokens.issue(INTENT);
        assertEquals(2, fake.reads(SECRET_ID), "the failed read is not repeated on every request");

        fake.put(SECRET_ID, "too-short"); // a malformed rotation is a failed read too
        clock.advance(CachedSecret.RETRY_AFTER_FAILURE);
        assertEquals(key(KEY_A), keys.get().current());
        assertEquals(3, fake.reads(SECRET_ID));

        clock.advance(CachedSecret.DEFAULT_GRACE); // the keys are older than the grace: no longer served
        assertThrows(CachedSecret.Unavailable.class, () -> tokens.issue(INTENT));
        assertThrows(CachedSecret.Unavailable.class, () -> tokens.verify(before),
                "keys that cannot be read are not reported as an invalid token");
    }

    private static String captured(Runnable run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(capture);
        System.setErr(capture);
        try {
            run.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String log = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(log);
        return log;
    }
}
