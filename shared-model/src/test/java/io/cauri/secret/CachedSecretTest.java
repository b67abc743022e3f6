package io.cauri.secret;

import io.cauri.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one cache of secrets read from outside (token signing keys, webhook sealing keys, connector credentials),
 * with a movable clock and a source whose value the test rotates or breaks.
 */
class CachedSecretTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration GRACE = Duration.ofHours(1);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T09:00:00Z"));
    private final AtomicInteger reads = new AtomicInteger();
    /** The secret at its source; null: the source fails. */
    private final AtomicReference<String> source = new AtomicReference<>("secret-v1-Hk29fQ");

    private final CachedSecret<String> secret = new CachedSecret<>("test secret (file /run/test-secret)", () -> {
        reads.incrementAndGet();
        String value = source.get();
        if (value == null) {
            throw new IllegalStateException("source down, value was secret-v1-Hk29fQ"); // a message that quotes it
        }
        return value;
    }, TTL, GRACE, clock);

    @Test
    void aRotationIsSeenOnceTheTtlHasPassedAndNotBefore() {
        assertEquals("secret-v1-Hk29fQ", secret.get());
        source.set("secret-v2-Pw81zR");

        clock.advance(TTL.minusSeconds(1));
        assertEquals("secret-v1-Hk29fQ", secret.get(), "within the TTL: the cached value");
        assertEquals(1, reads.get());

        clock.advance(Duration.ofSeconds(1));
        assertEquals("secret-v2-Pw81zR", secret.get());
        assertEquals(2, reads.get());
        secret.get();
        assertEquals(2, reads.get(), "then cached again");
    }

    @Test
    void aSeededValueCountsAsAReadMadeNow() {
        secret.seed("secret-read-at-init");
        clock.advance(TTL.minusSeconds(1));
        assertEquals("secret-read-at-init", secret.get());
        assertEquals(0, reads.get());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("secret-v1-Hk29fQ", secret.get());
        assertEquals(1, reads.get());
    }

    @Test
    void afterForgetTheNextUseReadsAgainAndForgetReadsNothing() {
        secret.seed("secret-in-the-snapshot");
        secret.forget();
        assertEquals(0, reads.get(), "forgetting reads nothing");
        assertEquals("secret-v1-Hk29fQ", secret.get());
        assertEquals(1, reads.get());
    }

    @Test
    void concurrentFirstUsesMakeOneRead() throws Exception {
        CountDownLatch inRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CachedSecret<String> slow = new CachedSecret<>("slow secret", () -> {
            reads.incrementAndGet();
            inRead.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "secret-v1-Hk29fQ";
        }, TTL, GRACE, clock);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> uses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                uses.add(pool.submit(slow::get));
            }
            inRead.await();
            Thread.sleep(100); // the others are now queued behind the read in flight
            release.countDown();
            for (Future<String> use : uses) {
                assertEquals("secret-v1-Hk29fQ", use.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, reads.get());
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodValueForABoundedGraceAndSaysSoWithoutTheValue() {
        assertEquals("secret-v1-Hk29fQ", secret.get());
        source.set(null);
        clock.advance(TTL);

        String log = captured(() -> assertEquals("secret-v1-Hk29fQ", secret.get()));
        assertTrue(log.contains("test secret (file /run/test-secret): cannot be read (IllegalStateException); "
                + "keeping the value read at 2026-12-06T09:00:00Z"), log);
        assertFalse(log.contains("Hk29fQ"), "the log shows the secret: " + log);
        assertEquals(2, reads.get());

        clock.advance(CachedSecret.RETRY_AFTER_FAILURE.minusSeconds(1));
        assertEquals("secret-v1-Hk29fQ", secret.get());
        assertEquals(2, reads.get(), "a failed read is not repeated at once");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("secret-v1-Hk29fQ", secret.get());
        assertEquals(3, reads.get());

        clock.advance(GRACE); // the last good value is now older than the grace
        String expired = captured(() -> {
            CachedSecret.Unavailable e = assertThrows(CachedSecret.Unavailable.class, secret::get);
            assertEquals("test secret (file /run/test-secret) is unavailable (IllegalStateException)", e.getMessage());
            assertEquals(null, e.getCause(), "the read's exception, whose message quotes the value, is not kept");
        });
        assertFalse(expired.contains("Hk29fQ"), expired);
        assertThrows(CachedSecret.Unavailable.class, secret::get);
        assertEquals(4, reads.get());

        source.set("secret-v2-Pw81zR");
        clock.advance(CachedSecret.RETRY_AFTER_FAILURE);
        assertEquals("secret-v2-Pw81zR", secret.get(), "it recovers once the source answers");
    }

    @Test
    void withoutAValueToFallBackOnAFailureIsUnavailable() {
        source.set(null);
        assertThrows(CachedSecret.Unavailable.class, secret::get);
        secret.seed("secret-in-the-snapshot");
        secret.forget();
        clock.advance(CachedSecret.RETRY_AFTER_FAILURE);
        assertThrows(CachedSecret.Unavailable.class, secret::get, "a forgotten value is no fallback");
        assertEquals(2, reads.get());
    }

    @Test
    void theTtlMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new CachedSecret<>("x", () -> "v", Duration.ZERO, clock));
        assertThrows(IllegalArgumentException.class,
                () -> new CachedSecret<>("x", () -> "v", TTL, Duration.ofSeconds(-1), clock));
    }

    static String captured(Runnable run) {
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
