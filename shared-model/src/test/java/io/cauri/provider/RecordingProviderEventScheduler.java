package io.cauri.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test double of the scheduling port: remembers what was scheduled, delivers nothing. */
public final class RecordingProviderEventScheduler implements ProviderEventScheduler {
    public record Scheduled(ProviderEvent event, Duration delay) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();

    @Override
    public synchronized void schedule(ProviderEvent event, Duration delay) {
        scheduled.add(new Scheduled(event, delay));
    }

    public synchronized List<Scheduled> scheduled() {
        return List.copyOf(scheduled);
    }

    public synchronized void clear() {
        scheduled.clear();
    }
}
