package io.cauri.authenticatepayment;

import io.cauri.testing.SampleEventsReplay;

/** events/authenticate-payment/*.json through the real handler. */
class AuthenticatePaymentSampleEventsTest extends SampleEventsReplay {
    @Override
    protected String functionName() {
        return "authenticate-payment";
    }
}
