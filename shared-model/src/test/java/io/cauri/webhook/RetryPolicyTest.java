package io.cauri.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployed schedule (README.md, "Webhook retries"): 60 s doubling up to 12 h, 16 attempts, every wait
 * lengthened by 0–20 % of itself, derived from the delivery: the last attempt more than 3 days after the first.
 */
class RetryPolicyTest {

    @Test
    void standardScheduleDoublesUpToTwelveHoursAndLastsMoreThanThreeDays() {
        RetryPolicy policy = RetryPolicy.standard();
        List<Long> waits = new ArrayList<>();
        for (int made = 1; policy.hasAttemptAfter(made); made++) {
            waits.add(policy.delayAfter(made).toSeconds());
        }
        long h12 = 12 * 3600;
        assertEquals(List.of(60L, 120L, 240L, 480L, 960L, 1920L, 3840L, 7680L, 15360L, 30720L,
                h12, h12, h12, h12, h12), waits);
        assertEquals(16, policy.maxAttempts());
        assertFalse(policy.hasAttemptAfter(16));
        long total = waits.stream().mapToLong(Long::longValue).sum();
        assertTrue(total >= Duration.ofDays(3).toSeconds(), "without jitter the schedule lasts " + total + " s");
    }

    @Test
    void jitterOnlyLengthensAWaitByAtMostAFifthAndIsTheSameForTheSameDelivery() {
        RetryPolicy policy = RetryPolicy.standard();
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            for (int made = 1; made < 16; made++) {
                Duration base = policy.delayAfter(made);
                Duration jittered = policy.delayAfter(made, "evt_" + i, "wh_1");
                assertTrue(jittered.compareTo(base) >= 0, jittered + " < " + base);
                assertTrue(jittered.toMillis() <= base.toMillis() * 1.2, jittered + " > 1.2 × " + base);
                assertEquals(jittered, policy.delayAfter(made, "evt_" + i, "wh_1"), "a copy schedules the same time");
                if (made == 15) {
                    seen.add(jittered);
                }
            }
        }
        // spread: fifty deliveries failing together do not all come back in the same second
        assertTrue(seen.size() >= 45, "only " + seen.size() + " distinct last waits");
    }

    @Test
    void configurableForTests() {
        RetryPolicy fast = new RetryPolicy(Duration.ofSeconds(1), 1, 3);
        assertEquals(Duration.ofSeconds(1), fast.delayAfter(2));
        assertEquals(Duration.ofSeconds(1), fast.delayAfter(2, "evt_1", "wh_1"), "no jitter unless configured");
        assertTrue(fast.hasAttemptAfter(2));
        assertFalse(fast.hasAttemptAfter(3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), 0.5, 3));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(1), 2, 3, Duration.ofHours(1), 1.5));
    }
}
