package io.cauri.fees;

import io.cauri.testing.SampleEventsReplay;

/** events/fees/*.json through the real handler. */
class PaymentFeesSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "fees";
    }
}
