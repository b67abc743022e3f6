package io.cauri.localapi;

import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The EventBridge schedule of template.yaml's expire-intents function, in local-api: the real function,
 * loaded from its jar, run once a minute (AWS runs it every 5), so an intent left unpaid 24 h is canceled
 * and its webhook sent without anybody reading it.
 */
final class ExpirySchedule implements AutoCloseable {
    static final String FUNCTION = "ExpireIntentsFunction";
    private static final long PERIOD_SECONDS = 60;

    private final LoadedConsumer function;
    private final ScheduledExecutorService timer;
    /** Run after each sweep: what it canceled is in the intents stream now. */
    private final Runnable afterSweep;

    private ExpirySchedule(LoadedConsumer function, Runnable afterSweep) {
        this.function = function;
        this.afterSweep = afterSweep;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "expiry-schedule");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runOnce, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts the schedule if the template has the function and it is built; says why not otherwise. */
    static Optional<ExpirySchedule> start(SamTemplate template, Runnable afterSweep) throws Exception {
        Optional<SamTemplate.Function> fn = template.consumer(FUNCTION).filter(f -> Files.isRegularFile(f.jar()));
        if (fn.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ExpirySchedule(FunctionLoader.loadConsumer(fn.get()), afterSweep));
    }

    /** One sweep now, as the schedule would run it (its event carries nothing the sweep reads). */
    Object runOnce() {
        try {
            return function.invoke(Map.of("detail-type", "Scheduled Event", "source", "aws.events"));
        } catch (RuntimeException e) {
            System.err.println("local-api: expiry sweep failed, the next run retries: " + e);
            return null;
        } finally {
            afterSweep.run();
        }
    }

    @Override
    public void close() throws Exception {
        timer.shutdownNow();
        function.close();
    }

    @Override
    public String toString() {
        return FUNCTION;
    }
}
