package io.cauri.webhookdispatcher;

import io.cauri.streampublisher.StreamPublisherHandler;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.token.IntentTokens;
import io.cauri.token.RefreshedSigningKeys;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher and the stream publisher start as Lambda starts them (Micronaut's Lambda builder, every
 * singleton created at init) with no token signing key, as template.yaml configures them: they use no client
 * token (events carry none), so they are neither given the key nor granted it. Nothing is sent: only the
 * start is checked (the emulator-backed tests cover what they do).
 */
class InitWithoutSigningKeyTest {

    @Test
    void theDispatcherAndThePublisherStartWithoutASigningKey() {
        Map<String, String> config = Map.of(
                "cauri.dynamodb.endpoint", String.valueOf(LocalFunction.properties().get("cauri.dynamodb.endpoint")),
                "micronaut.server.port", "-1",
                "cauri.events.endpoint", "http://127.0.0.1:9",
                "cauri.events.topic-arn", "arn:aws:sns:us-east-1:000000000000:payment-events",
                "cauri.webhooks.queue-url", "http://127.0.0.1:9/000000000000/webhooks",
                "cauri.webhooks.dead-letter-queue-url", "http://127.0.0.1:9/000000000000/webhooks-dlq",
                "cauri.webhooks.encryption-key", LocalEvents.ENCRYPTION_KEY);
        config.forEach(System::setProperty);
        try {
            assertStartsWithoutKey(WebhookDispatcherHandler::new);
            assertStartsWithoutKey(StreamPublisherHandler::new);
        } finally {
            config.keySet().forEach(System::clearProperty);
        }
    }

    private static void assertStartsWithoutKey(Supplier<? extends MicronautRequestHandler<?, ?>> lambda) {
        MicronautRequestHandler<?, ?> handler = lambda.get();
        try {
            ApplicationContext context = handler.getApplicationContext();
            assertTrue(context.isRunning());
            assertFalse(context.containsBean(IntentTokens.class), "no token bean without a key");
            assertFalse(context.containsBean(RefreshedSigningKeys.class), "no signing key read");
        } finally {
            handler.close();
        }
    }
}
