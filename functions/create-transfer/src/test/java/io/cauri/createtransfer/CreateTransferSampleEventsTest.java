package io.cauri.createtransfer;

import io.cauri.testing.SampleEventsReplay;

/** events/create-transfer/*.json through the real handler. */
class CreateTransferSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "create-transfer";
    }
}
