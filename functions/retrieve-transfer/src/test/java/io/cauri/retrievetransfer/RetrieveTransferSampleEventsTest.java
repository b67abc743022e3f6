package io.cauri.retrievetransfer;

import io.cauri.testing.SampleEventsReplay;

/** events/retrieve-transfer/*.json through the real handler. */
class RetrieveTransferSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "retrieve-transfer";
    }
}
