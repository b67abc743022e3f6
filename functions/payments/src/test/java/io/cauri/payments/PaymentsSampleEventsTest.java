package io.cauri.payments;

import io.cauri.testing.SampleEventsReplay;

/** events/payments/*.json through the real handler. */
class PaymentsSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "payments";
    }
}
