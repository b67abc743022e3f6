package io.cauri.store;

import io.cauri.stream.PoisonRecordException;
import io.cauri.intent.PaymentIntent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The intents table's stream images read back as intents: the adapter side of the stream publisher, so that
 * event derivation ({@code IntentChangePublisher}) sees intents and never the table's schema.
 */
public final class IntentStreamImages {
    private IntentStreamImages() {
    }

    /**
     * The intent an image holds; null when the record has no such image (an insert's old image, a removal's
     * new one). An image that cannot be read would fail every time the record is delivered again: a
     * {@link PoisonRecordException}.
     */
    public static PaymentIntent intent(String recordId, Map<String, AttributeValue> image) {
        try {
            return image == null || image.isEmpty() ? null : IntentTableSchema.INTENT.mapToItem(image);
        } catch (RuntimeException e) {
            throw new PoisonRecordException("stream record " + recordId + " cannot be read as an intent", e);
        }
    }

    /**
     * The id of what caused the write whose new image this is ({@link IntentTableSchema#CORRELATION_ID}), or null
     * (no such image, written outside any scope, or before the attribute existed).
     */
    public static String correlationId(Map<String, AttributeValue> image) {
        AttributeValue id = image == null ? null : image.get(IntentTableSchema.CORRELATION_ID);
        // one that is not what the store writes is dropped: an event is never held up by its cause's id
        return id != null && io.cauri.correlation.Correlation.valid(id.s()) ? id.s() : null;
    }
}
