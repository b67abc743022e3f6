package io.cauri.aws;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventPublisher;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link EventPublisher} on the SNS topic {@code cauri.events.topic-arn}: one Publish per event, or, for a list,
 * PublishBatch requests of up to ten events and 256 KB (SNS bills per request and per 64 KB, not per entry). The
 * topic is a standard one: no message group or deduplication id; the events keep their order within a request and
 * requests go one after the other, as single publishes did.
 * <p>
 * An event no webhook endpoint subscribes to ({@link EventPublisher#publishAll(List, Function)}) carries the
 * attribute {@value #WEBHOOKS} = {@value #NO_ENDPOINT}, and the dispatcher queue's subscription
 * ({@link #WEBHOOK_QUEUE_FILTER_POLICY}, in template.yaml and local-api alike) leaves it out: the queue receives,
 * and the dispatcher is invoked for, the events some endpoint may want — and those from a publisher that does not
 * say (the attribute absent: an earlier release's, during a rollout, or an unknown answer), which it decides as before.
 */
@Singleton
@Requires(classes = SnsClient.class) // only in the jar of the function that declares the SNS client
@Requires(property = "cauri.events.topic-arn")
public class SnsEventPublisher implements EventPublisher {
    /** SNS's limits on one PublishBatch: entries, and the bytes of all messages and attributes together. */
    static final int MAX_ENTRIES = 10;
    static final int MAX_BYTES = 256 * 1024;
    /** The message attribute saying whether some webhook endpoint may want the event. */
    public static final String WEBHOOKS = "webhooks";
    /** Its value where none does (its other value: {@value #SOME_ENDPOINT}). */
    public static final String NO_ENDPOINT = "none";
    public static final String SOME_ENDPOINT = "some";
    /**
     * The dispatcher queue's subscription filter: every message but those marked {@value #NO_ENDPOINT}, those without
     * the attribute included (SNS's documented "$or" of two key matches).
     */
    public static final String WEBHOOK_QUEUE_FILTER_POLICY = "{\"$or\": [{\"" + WEBHOOKS + "\": [\"" + SOME_ENDPOINT
            + "\"]}, {\"" + WEBHOOKS + "\": [{\"exists\": false}]}]}";

    private final SnsClient sns;
    private final String topicArn;

    public SnsEventPublisher(SnsClient sns, @Value("${cauri.events.topic-arn}") String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(EventEnvelope event) {
        publish(event, null);
    }

    private void publish(EventEnvelope event, Boolean webhooksWant) {
        sns.publish(r -> r.topicArn(topicArn).message(event.body()).messageAttributes(attributes(event, webhooksWant)));
    }

    @Override
    public Optional<Unpublished> publishAll(List<EventEnvelope> events) {
        return publishAll(events, e -> null);
    }

    @Override
    public Optional<Unpublished> publishAll(List<EventEnvelope> events, Function<EventEnvelope, Boolean> webhooksWant) {
        int start = 0;
        while (start < events.size()) {
            List<PublishBatchRequestEntry> entries = new ArrayList<>();
            int bytes = 0;
            int end = start;
            while (end < events.size() && entries.size() < MAX_ENTRIES) {
                EventEnvelope event = events.get(end);
                Map<String, MessageAttributeValue> attributes = attributes(event, webhooksWant.apply(event));
                int size = size(event.body(), attributes);
                if (!entries.isEmpty() && bytes + size > MAX_BYTES) {
                    break; // an event too large alone still goes, alone: SNS refuses it for what it is
                }
                bytes += size;
                // the entry's id is its index in the list: a failed entry maps straight back to its event
                entries.add(PublishBatchRequestEntry.builder().id(Integer.toString(end)).message(event.body())
                        .messageAttributes(attributes).build());
                end++;
            }
            PublishBatchResponse response;
            try {
                response = sns.publishBatch(r -> r.topicArn(topicArn).publishBatchRequestEntries(entries));
            } catch (RuntimeException e) {
                if (entries.size() > 1 && e instanceof SdkServiceException refused && refused.statusCode() == 400) {
                    // the request refused as a whole (its size or entries as SNS counts them): which event is at
                    // fault, if any, one request cannot tell, and the caller parks the record a 400 names; one
                    // Publish each for this chunk names the very event, and sends the others
                    Optional<Unpublished> single = publishOneByOne(events, start, end, webhooksWant);
                    if (single.isPresent()) {
                        return single;
                    }
                    start = end;
                    continue;
                }
                return Optional.of(new Unpublished(start, e));
            }
            Optional<Unpublished> failed = response.failed().stream()
                    .map(SnsEventPublisher::unpublished)
                    .min((a, b) -> Integer.compare(a.index(), b.index()));
            if (failed.isPresent()) {
                return failed;
            }
            start = end;
        }
        return Optional.empty();
    }

    private Optional<Unpublished> publishOneByOne(List<EventEnvelope> events, int from, int to,
                                                  Function<EventEnvelope, Boolean> webhooksWant) {
        for (int i = from; i < to; i++) {
            try {
                publish(events.get(i), webhooksWant.apply(events.get(i)));
            } catch (RuntimeException e) {
                return Optional.of(new Unpublished(i, e));
            }
        }
        return Optional.empty();
    }

    /**
     * A refused entry as the exception a single Publish would have thrown: a sender's fault is a 400 (the event
     * itself is refused: the caller parks it), anything else a 500 (retried).
     */
    private static Unpublished unpublished(BatchResultErrorEntry entry) {
        SnsException failure = (SnsException) SnsException.builder()
                .statusCode(Boolean.TRUE.equals(entry.senderFault()) ? 400 : 500)
                .message("PublishBatch entry " + entry.id() + " failed: " + entry.code() + ": " + entry.message())
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(entry.code()).errorMessage(entry.message())
                        .serviceName("Sns").build())
                .build();
        return new Unpublished(Integer.parseInt(entry.id()), failure);
    }

    private static Map<String, MessageAttributeValue> attributes(EventEnvelope event, Boolean webhooksWant) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>(Map.of(
                "type", string(event.type().wire()),
                "merchantId", string(event.merchantId()),
                "mode", string(event.mode().wire())));
        if (event.correlationId() != null) {
            attributes.put(EventEnvelope.CORRELATION_ID, string(event.correlationId())); // what caused the change
        }
        if (webhooksWant != null) {
            attributes.put(WEBHOOKS, string(webhooksWant ? SOME_ENDPOINT : NO_ENDPOINT));
        }
        return attributes;
    }

    /** What SNS counts against the request's size: the message, and each attribute's name, type and value. */
    private static int size(String body, Map<String, MessageAttributeValue> attributes) {
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        for (var attribute : attributes.entrySet()) {
            size += attribute.getKey().getBytes(StandardCharsets.UTF_8).length
                    + attribute.getValue().dataType().length()
                    + attribute.getValue().stringValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
