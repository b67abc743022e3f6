package io.cauri.aws;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.localaws.Fauxqs;
import io.cauri.merchant.Mode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SNS adapter against the emulator: body as is, routing facts as message attributes, raw to SQS. */
class SnsEventPublisherTest {

    @Test
    void publishesTheBodyWithTypeMerchantAndModeAttributes() {
        Fauxqs fauxqs = Fauxqs.shared();
        String topic = fauxqs.createTopic("events-publisher-test");
        Fauxqs.Queue queue = fauxqs.createQueue("events-publisher-test", 5);
        fauxqs.subscribeRaw(topic, queue);

        String body = "{\"id\":\"evt_1\",\"type\":\"payment.successful\"}";
        new SnsEventPublisher(fauxqs.sns(), topic).publish(new EventEnvelope("evt_1", EventType.PAYMENT_SUCCESSFUL,
                "m_1", Mode.LIVE, "pi_1", Instant.now(), body));

        List<Message> messages = fauxqs.sqs().receiveMessage(r -> r.queueUrl(queue.url()).waitTimeSeconds(5)
                .messageAttributeNames("All")).messages();
        assertEquals(1, messages.size());
        assertEquals(body, messages.get(0).body());
        assertEquals("payment.successful", messages.get(0).messageAttributes().get("type").stringValue());
        assertEquals("m_1", messages.get(0).messageAttributes().get("merchantId").stringValue());
        assertEquals("live", messages.get(0).messageAttributes().get("mode").stringValue());
        assertEquals(null, messages.get(0).messageAttributes().get("correlationId"), "none known, none sent");
    }

    @Test
    void addsTheCorrelationIdAttributeWhenTheEventHasOne() {
        Fauxqs fauxqs = Fauxqs.shared();
        String topic = fauxqs.createTopic("events-publisher-correlation-test");
        Fauxqs.Queue queue = fauxqs.createQueue("events-publisher-correlation-test", 5);
        fauxqs.subscribeRaw(topic, queue);

        String body = "{\"id\":\"evt_2\",\"type\":\"refund.created\",\"correlationId\":\"req_cause\"}";
        new SnsEventPublisher(fauxqs.sns(), topic).publish(new EventEnvelope("evt_2", EventType.REFUND_CREATED,
                "m_1", Mode.SANDBOX, "re_1", Instant.now(), body, 1000, "req_cause"));

        List<Message> messages = fauxqs.sqs().receiveMessage(r -> r.queueUrl(queue.url()).waitTimeSeconds(5)
                .messageAttributeNames("All")).messages();
        assertEquals(1, messages.size());
        assertEquals(body, messages.get(0).body());
        assertEquals("req_cause", messages.get(0).messageAttributes().get("correlationId").stringValue());
        assertEquals("refund.created", messages.get(0).messageAttributes().get("type").stringValue());
    }
}
