package io.cauri.aws;

import io.cauri.localaws.Fauxqs;
import io.cauri.merchant.Mode;
import io.cauri.provider.PayoutCheck;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQS adapter of payout checks against the emulator: one message per check, read back as the check. */
class SqsPayoutCheckSchedulerTest {

    @Test
    void aScheduledCheckIsAMessageOfTheQueueTheHandlerTellsApart() throws IOException {
        Fauxqs fauxqs = Fauxqs.shared();
        Fauxqs.Queue queue = fauxqs.createQueue("payout-checks-test", 5);
        JsonMapper json = JsonMapper.createDefault();
        PayoutCheck check = new PayoutCheck(PayoutCheck.Subject.TRANSFER, "m_1", Mode.SANDBOX, "tr_1", 2);

        new SqsPayoutCheckScheduler(queue.url(), fauxqs.endpoint(), json).schedule(check, Duration.ZERO);

        List<Message> messages = fauxqs.sqs().receiveMessage(r -> r.queueUrl(queue.url()).waitTimeSeconds(5))
                .messages();
        assertEquals(1, messages.size());
        assertTrue(PayoutCheckMessage.isOne(messages.get(0).body()), messages.get(0).body());
        assertEquals(check, json.readValue(messages.get(0).body(), PayoutCheckMessage.class).toCheck());
    }
}
