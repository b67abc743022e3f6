package io.cauri.streampublisher;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventPublisher;
import io.cauri.aws.SnsEventPublisher;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real SNS publisher, killed once: the first time it is asked to publish an event of
 * {@link #crashOnIntent}, it throws instead — as a Lambda container dying mid-batch would leave it.
 * Only in contexts started with {@code test.crash-publisher=true}.
 */
@Singleton
@Replaces(SnsEventPublisher.class)
@Requires(property = "test.crash-publisher", value = "true")
class CrashingPublisher implements EventPublisher {
    static final AtomicReference<String> crashOnIntent = new AtomicReference<>();
    static final List<String> refused = new CopyOnWriteArrayList<>();

    private final SnsEventPublisher real;

    CrashingPublisher(software.amazon.awssdk.services.sns.SnsClient sns,
                      @io.micronaut.context.annotation.Value("${cauri.events.topic-arn}") String topicArn) {
        this.real = new SnsEventPublisher(sns, topicArn);
    }

    @Override
    public void publish(EventEnvelope event) {
        String target = crashOnIntent.get();
        if (event.intentId().equals(target) && crashOnIntent.compareAndSet(target, null)) {
            refused.add(event.id());
            throw new IllegalStateException("publisher killed on " + event.id());
        }
        real.publish(event);
    }
}
