package io.cauri.aws;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventPublisher;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.HashMap;
import java.util.Map;

/** {@link EventPublisher} on the SNS topic {@code cauri.events.topic-arn}: one Publish per event. */
@Singleton
@Requires(classes = SnsClient.class) // only in the jar of the function that declares the SNS client
@Requires(property = "cauri.events.topic-arn")
public class SnsEventPublisher implements EventPublisher {
    private final SnsClient sns;
    private final String topicArn;

    public SnsEventPublisher(SnsClient sns, @Value("${cauri.events.topic-arn}") String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(EventEnvelope event) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>(Map.of(
                "type", string(event.type().wire()),
                "merchantId", string(event.merchantId()),
                "mode", string(event.mode().wire())));
        if (event.correlationId() != null) {
            attributes.put(EventEnvelope.CORRELATION_ID, string(event.correlationId())); // what caused the change
        }
        sns.publish(r -> r.topicArn(topicArn).message(event.body()).messageAttributes(attributes));
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
