package io.cauri.aws;

import io.cauri.merchant.Mode;
import io.cauri.provider.PayoutCheck;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A payout check through the queue's JSON, and how it is told apart from a payment event. */
class PayoutCheckMessageTest {
    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void aCheckTravelsWhole() throws IOException {
        PayoutCheck check = new PayoutCheck(PayoutCheck.Subject.REFUND, "m_1", Mode.LIVE, "re_1", 3);
        String body = json.writeValueAsString(PayoutCheckMessage.of(check));

        assertTrue(PayoutCheckMessage.isOne(body), body);
        assertEquals(check, json.readValue(body, PayoutCheckMessage.class).toCheck());
    }

    @Test
    void aPaymentEventIsNotACheck() throws IOException {
        String event = json.writeValueAsString(ProviderEventMessage.of(
                io.cauri.provider.ProviderEvent.succeeded("pi_1", "pay_1")));
        assertFalse(PayoutCheckMessage.isOne(event));
        assertThrows(IllegalArgumentException.class,
                () -> new PayoutCheckMessage("payout_check", "TRANSFER", "m", "nope", "tr_1", null).toCheck());
    }
}
