package io.cauri.retrieverefund;

import io.cauri.testing.SampleEventsReplay;

/** events/retrieve-refund/*.json through the real handler. */
class RetrieveRefundSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "retrieve-refund";
    }
}
