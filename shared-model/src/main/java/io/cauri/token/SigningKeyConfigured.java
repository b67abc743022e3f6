package io.cauri.token;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

import java.util.List;

/**
 * Whether this function has a token signing key to read (a non-blank {@code cauri.token.signing-key-secret},
 * {@code -file} or {@code signing-key}). The token beans exist only then: a function that neither signs nor
 * verifies client tokens (the stream publisher, the webhook dispatcher, the provider events queue, the expiry
 * sweep) is configured without a key, never reads the secret and is not granted it. A function that does use
 * tokens and lacks the key fails at start, on the missing bean.
 */
public final class SigningKeyConfigured implements Condition {
    static final List<String> SOURCES = List.of("cauri.token.signing-key-secret", "cauri.token.signing-key-file",
            "cauri.token.signing-key");

    @Override
    public boolean matches(ConditionContext context) {
        for (String source : SOURCES) {
            if (context.getProperty(source, String.class).filter(v -> !v.isBlank()).isPresent()) {
                return true;
            }
        }
        context.fail("no token signing key configured");
        return false;
    }
}
