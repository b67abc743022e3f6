package io.cauri.sandbox;

import io.cauri.fee.FeeCalculator;
import io.cauri.intent.Currency;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.local.InProcessProviderEventScheduler;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentRoute;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderCoverage;
import io.cauri.provider.ProviderEvent;
import io.cauri.provider.ProviderEventScheduler;
import io.cauri.provider.ProviderGateway;
import io.cauri.provider.ProviderRequest;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The beans as an application context builds them: configuration resources, @Value defaults, @Requires. */
class ProviderBeansTest {

    @Test
    void defaultsAndTheInProcessQueue() {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            assertEquals(SandboxSettings.defaults(), ctx.getBean(SandboxProviderGateway.class).settings());
            assertInstanceOf(SandboxProviderGateway.class, ctx.getBean(ProviderGateway.class));
            assertInstanceOf(InProcessProviderEventScheduler.class, ctx.getBean(ProviderEventScheduler.class));
            assertTrue(ctx.getBean(ProviderCoverage.class).route("CI", "wave").isPresent());
            PaymentRoute orangeSn = ctx.getBean(ProviderCoverage.class).route("SN", "orange").orElseThrow();
            long total = FeeCalculator.payerTotal(1001, ctx.getBean(FeeCalculator.class).feesFor(orangeSn, 1001));
            assertEquals(0, total % 5);
        }
    }

    @Test
    void anSqsQueueReplacesTheInProcessOne() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("cauri.provider-events.queue-url", "https://sqs.example/q"))) {
            assertTrue(ctx.findBean(InProcessProviderEventScheduler.class).isEmpty());
        }
    }

    @Test
    void aUssdPayerAnswersThroughTheInProcessQueue() throws InterruptedException {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("cauri.sandbox.payer-delay", "50ms",
                "cauri.sandbox.base-url", "http://localhost:9999/"))) {
            SandboxProviderGateway gateway = ctx.getBean(SandboxProviderGateway.class);
            assertEquals(new SandboxSettings(Duration.ofMillis(50), Duration.ofMinutes(10), Duration.ofMinutes(2),
                    "http://localhost:9999"), gateway.settings());
            BlockingQueue<ProviderEvent> outcomes = new LinkedBlockingQueue<>();
            ctx.getBean(InProcessProviderEventScheduler.class).deliverTo(outcomes::add);

            Instant now = Instant.now();
            Payment payment = new Payment("pay_1", "pi_1", now, now, PaymentStatus.PROCESSING, 1000, Currency.XOF,
                    "mobile_money", "CI", "mtn", "+22500000001", null, List.of(), null, null, null, null, null);
            PaymentIntent intent = PaymentIntent.open("pi_1", "m_1", Mode.SANDBOX, now, "p", "c", 1000, Currency.XOF, null);
            assertInstanceOf(ProviderAnswer.ActionRequired.class, gateway.initiate(new ProviderRequest(intent, payment, null)));
            assertEquals(ProviderEvent.succeeded("pi_1", "pay_1"), outcomes.poll(5, TimeUnit.SECONDS));
        }
    }
}
