package io.cauri.provider;

import java.time.Duration;

/**
 * Port: deliver a provider event later, with no server loop. In AWS an SQS message with a delay
 * (≤ 15 min) consumed by the provider-events function; in tests and local-api an in-process delayed queue
 * or the SNS/SQS emulator.
 */
public interface ProviderEventScheduler {
    void schedule(ProviderEvent event, Duration delay);
}
