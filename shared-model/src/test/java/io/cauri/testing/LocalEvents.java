package io.cauri.testing;

import io.cauri.localaws.Fauxqs;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The event plumbing of template.yaml on the emulator, fresh for one test class: the events topic, the webhook
 * queue subscribed to it with raw delivery, and the webhook dead-letter queue; plus the configuration the event
 * functions get ({@link #properties()}), on DynamoDB Local and with a random secret-sealing key.
 */
public final class LocalEvents {
    /** One random AES-256 key per test JVM, sealing webhook secrets: never a literal. */
    public static final String ENCRYPTION_KEY = randomKey();

    private final Fauxqs fauxqs = Fauxqs.shared();
    private final String topicArn;
    private final Fauxqs.Queue queue;
    private final Fauxqs.Queue deadLetters;

    public LocalEvents(int visibilityTimeoutSeconds) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        topicArn = fauxqs.createTopic("payment-events-" + suffix);
        queue = fauxqs.createQueue("webhooks-" + suffix, visibilityTimeoutSeconds);
        deadLetters = fauxqs.createQueue("webhooks-dlq-" + suffix, 30);
        fauxqs.subscribeRaw(topicArn, queue);
    }

    public Fauxqs fauxqs() {
        return fauxqs;
    }

    public String topicArn() {
        return topicArn;
    }

    public Fauxqs.Queue queue() {
        return queue;
    }

    public Fauxqs.Queue deadLetters() {
        return deadLetters;
    }

    /** {@link LocalFunction#properties()} plus the events topic, the webhook queues and the sealing key. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>(LocalFunction.properties());
        p.put("cauri.events.endpoint", fauxqs.endpoint());
        p.put("cauri.events.topic-arn", topicArn);
        p.put("cauri.webhooks.queue-url", queue.url());
        p.put("cauri.webhooks.dead-letter-queue-url", deadLetters.url());
        p.put("cauri.webhooks.encryption-key", ENCRYPTION_KEY);
        return p;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
