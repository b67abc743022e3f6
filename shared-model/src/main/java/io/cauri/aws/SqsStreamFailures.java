package io.cauri.aws;

import io.cauri.event.StreamFailures;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/** {@link StreamFailures} on the SQS queue {@code cauri.events.failures-queue-url}: one message per record. */
@Singleton
@Requires(classes = SqsClient.class)
@Requires(property = "cauri.events.failures-queue-url")
public class SqsStreamFailures implements StreamFailures {
    private final SqsClient sqs;
    private final String queueUrl;
    private final JsonMapper json;

    public SqsStreamFailures(SqsClient sqs, @Value("${cauri.events.failures-queue-url}") String queueUrl, JsonMapper json) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.json = json;
    }

    @Serdeable
    record Message(String kind, String recordId, String sequenceNumber, String streamArn, String intentId, String error) {
    }

    @Override
    public void park(Parked record) {
        String error = record.error() == null ? null
                : record.error().length() > 1000 ? record.error().substring(0, 1000) : record.error();
        String body;
        try {
            body = json.writeValueAsString(new Message("poison-stream-record", record.recordId(), record.sequenceNumber(),
                    record.streamArn(), record.intentId(), error));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }
}
