package io.cauri.providerevents;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cauri.correlation.Correlation;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.aws.PayoutCheckMessage;
import io.cauri.aws.ProviderEventMessage;
import io.cauri.provider.PayoutCheck;
import io.cauri.refund.Refunds;
import io.cauri.transfer.Transfers;
import io.cauri.init.InitEagerly;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Lambda handler of the provider-events queue: each message is one provider event (a payer's answer, a
 * closing window, a callback), applied through the state machine, or the reconciliation check of a transfer or a
 * refund ({@link PayoutCheckMessage}, told apart by its {@code type}), handed to its service. A message that fails is reported
 * alone ({@code ReportBatchItemFailures}), so the rest of the batch is not redelivered; applying an event
 * twice changes nothing, so redelivery is safe.
 */
public class ProviderEventsHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderEventsHandler.class);

    @Inject
    PaymentOutcomes outcomes;

    @Inject
    JsonMapper json;

    /** Created on the first check only: a function that reads payment events builds no money-out service. */
    @Inject
    Provider<Transfers> transfers;

    @Inject
    Provider<Refunds> refunds;

    /** What Lambda calls. */
    public ProviderEventsHandler() {
        super();
    }

    /** Tests: the same handler on a context they configure. */
    public ProviderEventsHandler(ApplicationContextBuilder context) {
        super(context);
    }

    /**
     * Micronaut's Lambda builder less its eager singletons (which cannot be switched off on it, hence a fresh
     * one): this jar also carries the payer pages' controllers, which verify client tokens. The queue handler
     * uses no token, is configured without the signing key and is not granted it (template.yaml), so at init it
     * creates what it injects and the {@link InitEagerly} cold-start work, nothing else.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return ApplicationContext.builder()
                .environments(Environment.FUNCTION, "lambda")
                .eagerInitConfiguration(true)
                .eagerInitAnnotated(InitEagerly.class);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent batch) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : batch.getRecords()) {
            // what this message changes carries its own id (docs/CONTRACT.md §5): msg_ and the queue's message id,
            // the same on a redelivery, and named in the warning below
            try (Correlation.Scope cause = Correlation.open(correlationId(message))) {
                String body = message.getBody();
                if (PayoutCheckMessage.isOne(body)) {
                    PayoutCheck check = json.readValue(body, PayoutCheckMessage.class).toCheck();
                    switch (check.subject()) {
                        case TRANSFER -> transfers.get().check(check);
                        case REFUND -> refunds.get().check(check);
                    }
                } else {
                    outcomes.apply(json.readValue(body, ProviderEventMessage.class).toEvent());
                }
            } catch (Exception e) {
                LOG.warn("provider event or check {} not applied: {}", message.getMessageId(), e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** {@code msg_} and the message's id when it is one a correlation id may hold, else a new one. */
    static String correlationId(SQSEvent.SQSMessage message) {
        String id = Correlation.MESSAGE + message.getMessageId();
        return message.getMessageId() != null && Correlation.valid(id) ? id : Correlation.newId(Correlation.MESSAGE);
    }
}
