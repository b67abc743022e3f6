package io.cauri.localaws;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdleBackoffTest {

    @Test
    void idlePassesDoubleTheWaitUpToTheIdleWait() {
        IdleBackoff backoff = new IdleBackoff(200, 1600);
        assertEquals(200, backoff.current());
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waits.add(backoff.next(false));
        }
        assertEquals(List.of(400L, 800L, 1600L, 1600L, 1600L, 1600L), waits);
    }

    @Test
    void aPassThatFindsWorkGoesBackToTheBusyWaitAtOnce() {
        IdleBackoff backoff = new IdleBackoff(200, 1600);
        for (int i = 0; i < 10; i++) {
            backoff.next(false);
        }
        assertEquals(200, backoff.next(true)); // the first busy pass after a quiet spell: no slower pace under load
        assertEquals(200, backoff.next(true));
        assertEquals(400, backoff.next(false));
    }

    @Test
    void aResetAfterAQuietSpellStartsTheDoublingAgainFromTheBusyWait() {
        IdleBackoff backoff = new IdleBackoff(200, 6400);
        for (int i = 0; i < 10; i++) {
            backoff.next(false);
        }
        backoff.reset(); // woken: something was just written
        assertEquals(200, backoff.current());
        assertEquals(400, backoff.next(false));
    }

    @Test
    void aFixedIntervalIsTheSameWaitBothWays() {
        IdleBackoff fixed = new IdleBackoff(200, 200);
        assertEquals(200, fixed.next(false));
        assertEquals(200, fixed.next(true));
    }

    @Test
    void impossibleBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new IdleBackoff(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new IdleBackoff(300, 200));
    }
}
