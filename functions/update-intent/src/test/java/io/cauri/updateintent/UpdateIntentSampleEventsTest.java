package io.cauri.updateintent;

import io.cauri.testing.SampleEventsReplay;

/** events/update-intent/*.json through the real handler. */
class UpdateIntentSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "update-intent";
    }
}
