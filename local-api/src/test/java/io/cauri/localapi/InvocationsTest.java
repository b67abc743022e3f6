package io.cauri.localapi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The totals bench/cost prices: invocations and each invocation's duration rounded up to the millisecond, as Lambda bills. */
class InvocationsTest {

    @Test
    void roundsEachInvocationUpToTheNextMillisecond() {
        assertEquals(1, Invocations.billedMillis(0));
        assertEquals(1, Invocations.billedMillis(1_000_000));
        assertEquals(2, Invocations.billedMillis(1_000_100));
        assertEquals(13, Invocations.billedMillis(12_300_000));
    }

    @Test
    void sumsPerFunctionUntilReset() {
        Invocations.reset();
        Invocations.record("InvocationsTestA", 1_500_000);
        Invocations.record("InvocationsTestA", 2_000_000);
        Invocations.record("InvocationsTestB", 100);
        assertEquals(new Invocations.Totals(2, 4, 3_500_000), Invocations.snapshot().get("InvocationsTestA"));
        assertEquals(new Invocations.Totals(1, 1, 100), Invocations.snapshot().get("InvocationsTestB"));
        Invocations.reset();
        assertEquals(null, Invocations.snapshot().get("InvocationsTestA"));
    }
}
