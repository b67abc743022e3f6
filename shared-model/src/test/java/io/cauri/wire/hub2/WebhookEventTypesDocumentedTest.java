package io.cauri.wire.hub2;

import io.cauri.event.EventType;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The OpenAPI document lists exactly the event types a webhook endpoint may subscribe to (refunds and transfers too). */
class WebhookEventTypesDocumentedTest {

    @Test
    void theCreateWebhookSchemaListsEveryEventType() throws Exception {
        // on a record component, the annotation lands on the field, the accessor or the constructor parameter
        var component = Hub2RequestSchemas.CreateWebhook.class.getRecordComponents()[1];
        assertEquals("events", component.getName());
        ArraySchema events = component.getAccessor().getAnnotation(ArraySchema.class);
        if (events == null) {
            events = Hub2RequestSchemas.CreateWebhook.class.getDeclaredField("events").getAnnotation(ArraySchema.class);
        }
        if (events == null) {
            events = Hub2RequestSchemas.CreateWebhook.class.getDeclaredConstructors()[0].getParameters()[1]
                    .getAnnotation(ArraySchema.class);
        }
        assertEquals(Arrays.stream(EventType.values()).map(EventType::wire).toList(),
                List.of(events.schema().allowableValues()));
    }
}
