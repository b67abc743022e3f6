package io.cauri.webhookdispatcher;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cauri.webhook.WebhookDispatcher;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lambda handler of the webhook queue (fed by the events topic, raw delivery, and by the dispatcher's own
 * delayed retries). Messages whose work could not be recorded are reported alone
 * ({@code ReportBatchItemFailures}) and come back after the visibility timeout.
 */
public class WebhookDispatcherHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    WebhookDispatcher dispatcher;

    /** What Lambda calls. */
    public WebhookDispatcherHandler() {
        super();
    }

    /** Tests: the same handler on a context they configure. */
    public WebhookDispatcherHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent batch) {
        List<WebhookDispatcher.Message> messages = batch.getRecords().stream()
                .map(m -> new WebhookDispatcher.Message(m.getMessageId(), m.getBody(), attributes(m)))
                .toList();
        Set<String> failed = dispatcher.dispatch(messages);
        return new SQSBatchResponse(failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    private static Map<String, String> attributes(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = new HashMap<>();
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) {
                    attributes.put(name, value.getStringValue());
                }
            });
        }
        return attributes;
    }
}
