package io.cauri.retrieveintent;

import io.cauri.testing.SampleEventsReplay;

/** events/retrieve-intent/*.json through the real handler. */
class RetrieveIntentSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "retrieve-intent";
    }
}
