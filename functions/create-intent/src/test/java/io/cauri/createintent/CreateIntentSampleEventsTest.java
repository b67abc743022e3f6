package io.cauri.createintent;

import io.cauri.testing.SampleEventsReplay;

/** events/create-intent/*.json through the real handler. */
class CreateIntentSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "create-intent";
    }
}
