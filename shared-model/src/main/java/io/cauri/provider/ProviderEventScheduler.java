package io.cauri.provider;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Port: deliver a provider event later, with no server loop. In AWS an SQS message with a delay
 * (≤ 15 min) consumed by the provider-events function; in tests and local-api an in-process delayed queue
 * or the SNS/SQS emulator.
 */
public interface ProviderEventScheduler {
    void schedule(ProviderEvent event, Duration delay);

    /**
     * Who receives due events, for an adapter that hands them over itself (the in-process queue of tests and
     * local-api); the payment-outcome service registers here, so the domain never names an adapter. An
     * adapter whose events come back through a queue consumer (SQS, read by the provider-events function)
     * has nobody to hand them to and ignores this.
     */
    default void deliverTo(Consumer<ProviderEvent> consumer) {
    }
}
