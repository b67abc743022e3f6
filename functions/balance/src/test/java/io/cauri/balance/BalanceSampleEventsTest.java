package io.cauri.balance;

import io.cauri.testing.SampleEventsReplay;

/** events/balance/*.json through the real handler. */
class BalanceSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "balance";
    }
}
