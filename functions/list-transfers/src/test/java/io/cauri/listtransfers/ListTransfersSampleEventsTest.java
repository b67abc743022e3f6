package io.cauri.listtransfers;

import io.cauri.testing.SampleEventsReplay;

/** events/list-transfers/*.json through the real handler. */
class ListTransfersSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "list-transfers";
    }
}
