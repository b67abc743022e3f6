package io.cauri.correlation;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-thread cause id: scoped, nested scopes restore the outer one, other threads never see it. */
class CorrelationTest {

    @Test
    void aScopeIsCurrentUntilClosedAndANestedOneRestoresTheOuter() {
        assertEquals(Optional.empty(), Correlation.current());
        try (Correlation.Scope outer = Correlation.open("req_outer")) {
            assertEquals(Optional.of("req_outer"), Correlation.current());
            try (Correlation.Scope inner = Correlation.open("msg_inner")) {
                assertEquals(Optional.of("msg_inner"), Correlation.current());
            }
            assertEquals(Optional.of("req_outer"), Correlation.current());
        }
        assertEquals(Optional.empty(), Correlation.current());
    }

    @Test
    void anotherThreadSeesNoneAndCannotCloseThisThreadsScope() throws Exception {
        AtomicReference<Optional<String>> seen = new AtomicReference<>();
        try (Correlation.Scope scope = Correlation.open("req_mine")) {
            Thread other = new Thread(() -> {
                seen.set(Correlation.current());
                scope.close(); // a scope closed on another thread changes nothing here
            });
            other.start();
            other.join();
            assertEquals(Optional.empty(), seen.get());
            assertEquals(Optional.of("req_mine"), Correlation.current());
        }
        assertEquals(Optional.empty(), Correlation.current());
    }

    @Test
    void clearEndsAScopeLeftOpenSoTheNextInvocationOnThisThreadStartsWithNone() {
        Correlation.open("req_left_open"); // a request whose response filter never ran
        assertEquals(Optional.of("req_left_open"), Correlation.current());
        Correlation.clear();
        assertEquals(Optional.empty(), Correlation.current());
    }

    @Test
    void onlyBoundedIdsOfSafeCharactersAreCarried() {
        assertTrue(Correlation.valid(Correlation.newId(Correlation.SWEEP)));
        assertTrue(Correlation.newId(Correlation.SWEEP).startsWith("sweep_"));
        assertTrue(Correlation.valid("msg_059f36b4-87a3-44ab-83d2-661975830a7d"));
        assertTrue(Correlation.valid("x".repeat(Correlation.MAX_LENGTH)));
        assertFalse(Correlation.valid("x".repeat(Correlation.MAX_LENGTH + 1)));
        assertFalse(Correlation.valid(""));
        assertFalse(Correlation.valid(null));
        for (String bad : new String[]{"req_a b", "req_a\r\nX-Evil: 1", "req_é", "req_a;b", "req_\"a\""}) {
            assertFalse(Correlation.valid(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> Correlation.open(bad), bad);
        }
        assertEquals(Optional.empty(), Correlation.current(), "a refused id opens nothing");
    }
}
