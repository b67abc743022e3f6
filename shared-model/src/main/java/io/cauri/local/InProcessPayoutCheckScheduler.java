package io.cauri.local;

import io.cauri.provider.PayoutCheck;
import io.cauri.provider.PayoutCheckScheduler;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A delayed queue of payout checks in this JVM, for tests and local-api, like {@link InProcessProviderEventScheduler}
 * for payment events: each check is handed, when due, to the service registered for its subject. Lost if the JVM
 * stops — in AWS the SQS adapter replaces it (it exists only without {@code cauri.provider-events.queue-url}). The
 * timer thread is a daemon created on the first {@link #schedule}.
 */
@Singleton
@Requires(missingProperty = "cauri.provider-events.queue-url")
public class InProcessPayoutCheckScheduler implements PayoutCheckScheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessPayoutCheckScheduler.class);

    private record Due(long atNanos, long sequence, PayoutCheck check) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final PriorityQueue<Due> pending = new PriorityQueue<>();
    private final Map<PayoutCheck.Subject, Consumer<PayoutCheck>> consumers =
            java.util.Collections.synchronizedMap(new EnumMap<>(PayoutCheck.Subject.class));
    private ScheduledExecutorService timer;
    private long sequence;
    private boolean closed;

    @Override
    public void deliverTo(PayoutCheck.Subject subject, Consumer<PayoutCheck> consumer) {
        consumers.put(subject, consumer);
    }

    @Override
    public void schedule(PayoutCheck check, Duration delay) {
        long delayNanos = Math.max(0, delay.toNanos());
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("scheduler closed");
            }
            pending.add(new Due(System.nanoTime() + delayNanos, sequence++, check));
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread t = new Thread(runnable, "payout-checks");
                    t.setDaemon(true);
                    return t;
                });
            }
            timer.schedule(this::deliverDue, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Checks not yet delivered. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /**
     * Delivers every check pending now, on the caller's thread, in order of due time (the checks they schedule wait
     * for the next call). Returns how many.
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

    @PreDestroy
    @Override
    public synchronized void close() {
        closed = true;
        pending.clear();
        if (timer != null) {
            timer.shutdownNow();
        }
    }

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
        Consumer<PayoutCheck> to = consumers.get(due.check().subject());
        if (to == null) {
            LOG.error("No consumer for {} checks; dropped the check of {}", due.check().subject(), due.check().id());
            return;
        }
        try {
            // as the queue's handler does: the changes it makes carry this delivery's own id
            try (var cause = io.cauri.correlation.Correlation.open(
                    io.cauri.correlation.Correlation.newId(io.cauri.correlation.Correlation.MESSAGE))) {
                to.accept(due.check());
            }
        } catch (RuntimeException e) {
            LOG.error("Check of {} failed: {}", due.check().id(), io.cauri.web.error.ErrorResponses.describe(e));
        }
    }
}
