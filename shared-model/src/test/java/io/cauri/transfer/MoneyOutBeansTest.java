package io.cauri.transfer;

import io.cauri.aws.SqsPayoutCheckScheduler;
import io.cauri.local.InProcessPayoutCheckScheduler;
import io.cauri.provider.PayoutCheckScheduler;
import io.cauri.provider.PayoutConnectors;
import io.cauri.refund.Refunds;
import io.cauri.sandbox.SandboxPayoutGateway;
import io.cauri.testing.LocalFunction;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The money-out services as a function's application context builds them (what the routes' functions inject). */
class MoneyOutBeansTest {

    private static Map<String, Object> properties() {
        return new HashMap<>(Map.of("cauri.dynamodb.endpoint", LocalFunction.properties().get("cauri.dynamodb.endpoint")));
    }

    @Test
    void theServicesWireWithTheSandboxAndTheInProcessChecks() {
        try (ApplicationContext ctx = ApplicationContext.run(properties())) {
            assertNotNull(ctx.getBean(Transfers.class));
            assertNotNull(ctx.getBean(Refunds.class));
            assertInstanceOf(InProcessPayoutCheckScheduler.class, ctx.getBean(PayoutCheckScheduler.class));
            PayoutConnectors gateways = ctx.getBean(PayoutConnectors.class);
            assertInstanceOf(SandboxPayoutGateway.class, gateways.sandboxPayouts());
            assertSame(gateways.sandboxPayouts(), gateways.sandboxRefunds());
        }
    }

    @Test
    void anSqsQueueCarriesTheChecksWhenConfigured() {
        Map<String, Object> p = properties();
        p.put("cauri.provider-events.queue-url", "https://sqs.example/q");
        p.put("cauri.provider-events.endpoint", "http://127.0.0.1:9"); // an emulator's: a region, no call made
        try (ApplicationContext ctx = ApplicationContext.run(p)) {
            assertInstanceOf(SqsPayoutCheckScheduler.class, ctx.getBean(PayoutCheckScheduler.class));
            assertNotNull(ctx.getBean(Transfers.class));
            assertNotNull(ctx.getBean(Refunds.class));
            org.junit.jupiter.api.Assertions.assertTrue(ctx.findBean(InProcessPayoutCheckScheduler.class).isEmpty());
        }
    }
}
