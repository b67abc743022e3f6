package io.cauri.cancelintent;

import io.cauri.testing.SampleEventsReplay;

/** events/cancel-intent/*.json through the real handler. */
class CancelIntentSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "cancel-intent";
    }
}
