package io.cauri.event;

import io.cauri.intent.PaymentIntent;
import io.cauri.store.IntentTableSchema;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/**
 * The stream publisher's work for one stream record of the intents table: images to intents, intents to
 * events, events published in order. If a publish fails the exception propagates: the record is then
 * delivered again and its events re-derived with the same ids.
 */
@Singleton
@Requires(beans = EventPublisher.class)
public class IntentChangePublisher {
    private final EventPublisher publisher;
    private final JsonMapper json;

    public IntentChangePublisher(EventPublisher publisher, JsonMapper json) {
        this.publisher = publisher;
        this.json = json;
    }

    /** Publishes the record's events and returns them. Images are null when the record has none. */
    public List<EventEnvelope> publish(String recordId, Map<String, AttributeValue> oldImage,
                                       Map<String, AttributeValue> newImage) {
        List<EventEnvelope> events = StatusEvents.derive(recordId, intent(oldImage), intent(newImage)).stream()
                .map(e -> EventBodies.envelope(json, e))
                .toList();
        events.forEach(publisher::publish);
        return events;
    }

    private static PaymentIntent intent(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty() ? null : IntentTableSchema.INTENT.mapToItem(image);
    }
}
