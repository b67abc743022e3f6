package io.cauri.aws;

import io.cauri.webhook.DeliveryMessage;
import io.cauri.webhook.DeliveryQueue;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * {@link DeliveryQueue} on the webhook SQS queue ({@code cauri.webhooks.queue-url}), the one the topic feeds;
 * a message's {@code DelaySeconds} is its back-off (≤ 900 s a hop). {@code cauri.webhooks.dead-letter-queue-url}
 * receives deliveries that ran out of attempts.
 */
@Singleton
@Requires(classes = SqsClient.class) // only in the jars of the functions that declare the SQS client
@Requires(property = "cauri.webhooks.queue-url")
public class SqsDeliveryQueue implements DeliveryQueue {
    public static final long MAX_DELAY_SECONDS = 900;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final JsonMapper json;

    public SqsDeliveryQueue(SqsClient sqs, @Value("${cauri.webhooks.queue-url}") String queueUrl,
                            @Value("${cauri.webhooks.dead-letter-queue-url:}") String deadLetterQueueUrl,
                            JsonMapper json) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.json = json;
    }

    @Override
    public void send(DeliveryMessage message, Duration delay) {
        long seconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, (delay.toMillis() + 999) / 1000));
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body(message)).delaySeconds((int) seconds)
                .messageAttributes(kind()));
    }

    @Override
    public void deadLetter(DeliveryMessage message) {
        if (!deadLetterQueueUrl.isBlank()) {
            sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl).messageBody(body(message)).messageAttributes(kind()));
        }
    }

    private String body(DeliveryMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, MessageAttributeValue> kind() {
        return Map.of(DeliveryMessage.KIND_ATTRIBUTE, MessageAttributeValue.builder().dataType("String")
                .stringValue(DeliveryMessage.KIND_DELIVERY).build());
    }
}
