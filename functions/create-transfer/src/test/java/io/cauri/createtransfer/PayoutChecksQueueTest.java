package io.cauri.createtransfer;

import io.cauri.provider.PayoutCheckScheduler;
import io.cauri.testing.LocalFunction;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Configured as template.yaml configures it on AWS (the provider events queue's URL), the function schedules the
 * reconciliation check of each new transfer or refund on that queue, not in its own process (which ends with the
 * invocation): the jar carries the SQS client the queue-backed scheduler needs.
 */
class PayoutChecksQueueTest {

    @Test
    void withTheQueueUrlTheChecksGoToTheQueue() {
        // the endpoint stands for Lambda's region and credentials (nothing is sent here)
        try (LocalFunction function = new LocalFunction(Map.of("cauri.provider-events.queue-url",
                "http://127.0.0.1:1/000000000000/provider-events", "cauri.provider-events.endpoint", "http://127.0.0.1:1"))) {
            assertEquals("io.cauri.aws.SqsPayoutCheckScheduler",
                    function.context().getBean(PayoutCheckScheduler.class).getClass().getName());
        }
    }
}
