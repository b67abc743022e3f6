package io.cauri.listintents;

import io.cauri.testing.SampleEventsReplay;

/** events/list-intents/*.json through the real handler. */
class ListIntentsSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "list-intents";
    }
}
