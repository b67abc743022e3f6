package io.cauri.local;

import io.cauri.intent.FailureCode;
import io.cauri.provider.ProviderEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InProcessProviderEventSchedulerTest {
    record Delivery(ProviderEvent event, long atNanos, Thread thread) {
    }

    final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    final InProcessProviderEventScheduler scheduler = new InProcessProviderEventScheduler(
            e -> deliveries.add(new Delivery(e, System.nanoTime(), Thread.currentThread())));

    @AfterEach
    void close() {
        scheduler.close();
    }

    static ProviderEvent event(String paymentId) {
        return ProviderEvent.succeeded("pi_x", paymentId);
    }

    Delivery next() throws InterruptedException {
        Delivery d = deliveries.poll(5, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("nothing delivered in 5 s");
        }
        return d;
    }

    @Test
    void anEventIsDeliveredOnceWhenDueOnADaemonThread() throws InterruptedException {
        long start = System.nanoTime();
        scheduler.schedule(event("pay_1"), Duration.ofMillis(50));
        Delivery d = next();
        assertEquals(event("pay_1"), d.event());
        assertTrue(d.atNanos() - start >= Duration.ofMillis(50).toNanos(), "delivered early");
        assertTrue(d.thread().isDaemon());
        assertEquals("provider-events", d.thread().getName());
        assertNull(deliveries.poll(200, TimeUnit.MILLISECONDS), "delivered twice");
        assertEquals(0, scheduler.pendingCount());
    }

    @Test
    void eventsArriveInOrderOfDueTimeNotOfScheduling() throws InterruptedException {
        scheduler.schedule(event("pay_150"), Duration.ofMillis(150));
        scheduler.schedule(event("pay_50"), Duration.ofMillis(50));
        scheduler.schedule(event("pay_100"), Duration.ofMillis(100));
        scheduler.schedule(event("pay_0"), Duration.ZERO);
        assertEquals(List.of("pay_0", "pay_50", "pay_100", "pay_150"),
                List.of(next().event().paymentId(), next().event().paymentId(), next().event().paymentId(),
                        next().event().paymentId()));
        assertNull(deliveries.poll(100, TimeUnit.MILLISECONDS));
    }

    @Test
    void deliverAllNowHandsOverPendingEventsInDueOrderAndNothingLater() throws InterruptedException {
        ProviderEvent timeout = ProviderEvent.failed("pi_x", "pay_2", FailureCode.TIMEOUT, "late");
        scheduler.schedule(timeout, Duration.ofMinutes(2));
        scheduler.schedule(event("pay_1"), Duration.ofSeconds(3));
        assertEquals(2, scheduler.pendingCount());
        assertEquals(2, scheduler.deliverAllNow());
        Delivery first = next();
        Delivery second = next();
        assertEquals(List.of(event("pay_1"), timeout), List.of(first.event(), second.event()));
        assertEquals(Thread.currentThread(), first.thread());
        assertEquals(0, scheduler.deliverAllNow());
    }

    @Test
    void aFailingConsumerDoesNotStopLaterEvents() throws InterruptedException {
        scheduler.deliverTo(e -> {
            if (e.paymentId().equals("pay_bad")) {
                throw new IllegalStateException("boom");
            }
            deliveries.add(new Delivery(e, System.nanoTime(), Thread.currentThread()));
        });
        scheduler.schedule(event("pay_bad"), Duration.ofMillis(10));
        scheduler.schedule(event("pay_good"), Duration.ofMillis(30));
        assertEquals("pay_good", next().event().paymentId());
    }

    @Test
    void noThreadUntilTheFirstEvent() {
        long before = providerEventThreads();
        InProcessProviderEventScheduler idle = new InProcessProviderEventScheduler();
        assertEquals(before, providerEventThreads());
        idle.close();
    }

    @Test
    void closingDropsPendingEventsAndRefusesNewOnes() throws InterruptedException {
        scheduler.schedule(event("pay_1"), Duration.ofMillis(50));
        scheduler.close();
        assertEquals(0, scheduler.pendingCount());
        assertNull(deliveries.poll(150, TimeUnit.MILLISECONDS));
        assertThrows(IllegalStateException.class, () -> scheduler.schedule(event("pay_2"), Duration.ZERO));
    }

    static long providerEventThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("provider-events")).count();
    }
}
