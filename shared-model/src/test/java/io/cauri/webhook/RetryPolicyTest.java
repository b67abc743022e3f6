package io.cauri.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HUB2's schedule: first retry after 60 s, doubling, ten attempts in all. */
class RetryPolicyTest {

    @Test
    void hub2Schedule() {
        RetryPolicy policy = RetryPolicy.hub2();
        List<Long> waits = new ArrayList<>();
        for (int made = 1; policy.hasAttemptAfter(made); made++) {
            waits.add(policy.delayAfter(made).toSeconds());
        }
        assertEquals(List.of(60L, 120L, 240L, 480L, 960L, 1920L, 3840L, 7680L, 15360L), waits);
        assertEquals(10, policy.maxAttempts());
        assertFalse(policy.hasAttemptAfter(10));
    }

    @Test
    void configurableForTests() {
        RetryPolicy fast = new RetryPolicy(Duration.ofSeconds(1), 1, 3);
        assertEquals(Duration.ofSeconds(1), fast.delayAfter(2));
        assertTrue(fast.hasAttemptAfter(2));
        assertFalse(fast.hasAttemptAfter(3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), 0.5, 3));
    }
}
