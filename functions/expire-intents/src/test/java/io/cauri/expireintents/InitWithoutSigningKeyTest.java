package io.cauri.expireintents;

import io.cauri.testing.LocalFunction;
import io.cauri.token.IntentTokens;
import io.cauri.token.RefreshedSigningKeys;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep starts as Lambda starts it (the handler's own builder: every singleton created at init) with no
 * token signing key, as template.yaml configures it: it uses no client token, so it is neither given the key
 * nor granted it, and nothing in it tries to read one.
 */
class InitWithoutSigningKeyTest {

    @Test
    void theFunctionStartsAndSweepsWithoutASigningKey() {
        Map<String, String> config = Map.of(
                "cauri.dynamodb.endpoint", String.valueOf(LocalFunction.properties().get("cauri.dynamodb.endpoint")),
                "micronaut.server.port", "-1");
        config.forEach(System::setProperty);
        ExpireIntentsHandler handler = null;
        try {
            handler = new ExpireIntentsHandler();
            ApplicationContext context = handler.getApplicationContext();
            assertFalse(context.containsBean(IntentTokens.class), "no token bean without a key");
            assertFalse(context.containsBean(RefreshedSigningKeys.class), "no signing key read");
            Map<String, Object> report = handler.execute(Map.of());
            assertTrue(report.containsKey("canceled"), String.valueOf(report));
        } finally {
            config.keySet().forEach(System::clearProperty);
            if (handler != null) {
                handler.close();
            }
        }
    }
}
