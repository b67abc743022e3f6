package io.cauri.createrefund;

import io.cauri.testing.SampleEventsReplay;

/** events/create-refund/*.json through the real handler. */
class CreateRefundSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "create-refund";
    }
}
