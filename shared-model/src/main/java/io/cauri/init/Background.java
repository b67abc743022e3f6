package io.cauri.init;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A piece of cold-start work (building an SDK client, fetching a secret) started on its own daemon thread
 * as soon as its factory exists, so that it overlaps the rest of the application context's start instead of
 * following it; {@link #join()} hands over the result, or throws what the work threw.
 */
public final class Background<T> {
    private final FutureTask<T> task;

    private Background(FutureTask<T> task) {
        this.task = task;
    }

    public static <T> Background<T> start(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "cauri-init-" + name);
        thread.setDaemon(true);
        thread.start();
        return new Background<>(task);
    }

    /** The result; the work's own exception if it failed (a RuntimeException or Error as is). */
    public T join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the work cannot be abandoned half-way: wait for it, keep the flag
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
