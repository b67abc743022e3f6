package io.cauri.listrefunds;

import io.cauri.testing.SampleEventsReplay;

/** events/list-refunds/*.json through the real handler. */
class ListRefundsSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "list-refunds";
    }
}
