package io.cauri.providerevents;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cauri.testing.LocalFunction;
import io.cauri.token.IntentTokens;
import io.cauri.token.RefreshedSigningKeys;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The provider-events queue function starts as Lambda starts it (the handler's own builder) with no token
 * signing key, as template.yaml configures it: it applies provider events and never verifies a token (the
 * checkout page that does is the other function of this jar), so it is neither given the key nor granted it.
 */
class QueueInitWithoutSigningKeyTest {

    @Test
    void theQueueHandlerStartsAndAppliesWithoutASigningKey() {
        Map<String, String> config = Map.of(
                "cauri.dynamodb.endpoint", String.valueOf(LocalFunction.properties().get("cauri.dynamodb.endpoint")),
                "micronaut.server.port", "-1");
        config.forEach(System::setProperty);
        ProviderEventsHandler handler = null;
        try {
            handler = new ProviderEventsHandler();
            ApplicationContext context = handler.getApplicationContext();
            assertFalse(context.containsBean(IntentTokens.class), "no token bean without a key");
            assertFalse(context.containsBean(RefreshedSigningKeys.class), "no signing key read");
            SQSEvent.SQSMessage unknown = new SQSEvent.SQSMessage();
            unknown.setMessageId("m1");
            unknown.setBody("{\"intentId\":\"pi_000000000000000000000\",\"paymentId\":\"pay_000000000000000000000\","
                    + "\"outcome\":\"SUCCEEDED\"}");
            SQSEvent batch = new SQSEvent();
            batch.setRecords(List.of(unknown));
            SQSBatchResponse response = handler.execute(batch);
            assertEquals(0, response.getBatchItemFailures().size(), "an unknown payment: dropped, not retried");
        } finally {
            config.keySet().forEach(System::clearProperty);
            if (handler != null) {
                handler.close();
            }
        }
    }
}
