package io.cauri.attemptpayment;

import io.cauri.testing.SampleEventsReplay;

/** events/attempt-payment/*.json through the real handler. */
class AttemptPaymentSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "attempt-payment";
    }
}
