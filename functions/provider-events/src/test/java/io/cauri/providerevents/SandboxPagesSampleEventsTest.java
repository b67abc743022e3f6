package io.cauri.providerevents;

import io.cauri.testing.SampleEventsReplay;

/** events/provider-events/*.json through the real handler. */
class SandboxPagesSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "provider-events";
    }
}
