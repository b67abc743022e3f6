package io.cauri.local;

import io.cauri.provider.ProviderEvent;
import io.cauri.provider.ProviderEventScheduler;

import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A delayed queue in this JVM, for tests and local-api: each event is handed to the consumer once, when
 * due, in order of due time (ties in scheduling order). Events are lost if the JVM stops — in AWS an SQS
 * adapter replaces this bean (it exists only without {@code cauri.provider-events.queue-url}).
 * <p>
 * The timer thread is a daemon created on the first {@link #schedule}, not at start: a function that never
 * schedules never starts it, and no thread exists in a SnapStart snapshot.
 */
@Singleton
@Requires(missingProperty = "cauri.provider-events.queue-url")
public class InProcessProviderEventScheduler implements ProviderEventScheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessProviderEventScheduler.class);

    private record Due(long atNanos, long sequence, ProviderEvent event) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final PriorityQueue<Due> pending = new PriorityQueue<>();
    private volatile Consumer<ProviderEvent> consumer;
    private ScheduledExecutorService timer;
    private long sequence;
    private boolean closed;

    public InProcessProviderEventScheduler() {
    }

    public InProcessProviderEventScheduler(Consumer<ProviderEvent> consumer) {
        this.consumer = consumer;
    }

    /** Who receives due events (the payment-outcome service); set before the first event is due. */
    @Override
    public void deliverTo(Consumer<ProviderEvent> consumer) {
        this.consumer = consumer;
    }

    @Override
    public void schedule(ProviderEvent event, Duration delay) {
        long delayNanos = Math.max(0, delay.toNanos());
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("scheduler closed");
            }
            pending.add(new Due(System.nanoTime() + delayNanos, sequence++, event));
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread t = new Thread(runnable, "provider-events");
                    t.setDaemon(true);
                    return t;
                });
            }
            timer.schedule(this::deliverDue, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Events not yet delivered. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /**
     * Delivers every pending event now, on the caller's thread, in order of due time — for tests and
     * local-api runs that do not want to wait for the payer delay or a window. Returns how many.
     */
    public int deliverAllNow() {
        List<Due> all = new ArrayList<>();
        synchronized (this) {
            while (!pending.isEmpty()) {
                all.add(pending.poll());
            }
        }
        all.forEach(this::deliver);
        return all.size();
    }

    /** Stops the timer; events not yet due are dropped. */
    @PreDestroy
    @Override
    public synchronized void close() {
        closed = true;
        pending.clear();
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Runs on the timer thread: one trigger per event, but it takes every due event, so order holds. */
    private void deliverDue() {
        List<Due> due = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            while (!pending.isEmpty() && pending.peek().atNanos() - now <= 0) {
                due.add(pending.poll());
            }
        }
        due.forEach(this::deliver);
    }

    private void deliver(Due due) {
        Consumer<ProviderEvent> to = consumer;
        if (to == null) {
            LOG.error("No consumer for provider events; dropped {} for payment {}", due.event().outcome(),
                    due.event().paymentId());
            return;
        }
        try {
            // as the queue's handler does: the changes it makes carry this delivery's own id
            try (var cause = io.cauri.correlation.Correlation.open(
                    io.cauri.correlation.Correlation.newId(io.cauri.correlation.Correlation.MESSAGE))) {
                to.accept(due.event());
            }
        } catch (RuntimeException e) {
            // one failing event must not stop the timer thread or the events after it
            LOG.error("Provider event for payment {} failed: {}", due.event().paymentId(),
                    io.cauri.web.error.ErrorResponses.describe(e)); // never a stack trace in a log line
        }
    }
}
