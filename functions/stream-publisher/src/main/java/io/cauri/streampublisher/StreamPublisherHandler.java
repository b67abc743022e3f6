package io.cauri.streampublisher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.cauri.event.IntentChangePublisher;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Lambda handler of the intents table's stream: each record's status changes become events on the SNS topic,
 * in stream order. On the first record that fails, the handler stops and reports that record's sequence
 * number ({@code ReportBatchItemFailures}): Lambda delivers the batch again from that record, so the records
 * before it are not published twice and the records from it are not lost. Event ids depend only on the
 * record, so a record delivered again yields the same ids.
 */
public class StreamPublisherHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPublisherHandler.class);

    @Inject
    IntentChangePublisher publisher;

    /** What Lambda calls. */
    public StreamPublisherHandler() {
        super();
    }

    /** Tests: the same handler on a context they configure. */
    public StreamPublisherHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent batch) {
        for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
            try {
                var stream = record.getDynamodb();
                publisher.publish(record.getEventID(), StreamImages.toSdk(stream.getOldImage()),
                        StreamImages.toSdk(stream.getNewImage()));
            } catch (RuntimeException e) {
                String sequence = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
                LOG.warn("stream record {} (sequence {}) not published; the batch resumes there: {}",
                        record.getEventID(), sequence, e.toString());
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequence)));
            }
        }
        return new StreamsEventResponse(List.of());
    }
}
