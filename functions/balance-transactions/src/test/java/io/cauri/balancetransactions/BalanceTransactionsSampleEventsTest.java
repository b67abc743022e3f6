package io.cauri.balancetransactions;

import io.cauri.testing.SampleEventsReplay;

/** events/balance-transactions/*.json through the real handler. */
class BalanceTransactionsSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "balance-transactions";
    }
}
