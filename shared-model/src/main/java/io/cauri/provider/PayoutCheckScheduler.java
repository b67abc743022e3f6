package io.cauri.provider;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Port: deliver a {@link PayoutCheck} later, with no server loop (as {@link ProviderEventScheduler} does for
 * payments). In AWS an SQS message with a delay on the provider-events queue, told apart from payment events by its
 * type, consumed by the provider-events function; in tests and local-api an in-process delayed queue.
 * {@link #schedule} returns once the check is durable (the message is sent): only then may the provider be called.
 */
public interface PayoutCheckScheduler {
    void schedule(PayoutCheck check, Duration delay);

    /**
     * Who receives due checks of {@code subject}, for an adapter that hands them over itself (the in-process queue);
     * the transfer and refund services register here. A queue-backed adapter ignores this: its consumer function
     * dispatches the messages it reads.
     */
    default void deliverTo(PayoutCheck.Subject subject, Consumer<PayoutCheck> consumer) {
    }
}
