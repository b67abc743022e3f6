package io.cauri.init;

import java.util.concurrent.Callable;

/**
 * The warm-up of the AWS SDK's shared classes that may be in flight on a second core (the store's
 * {@code SdkWarmUp} starts it as soon as an application context builder exists), and the one gate every SDK
 * client's factory passes before it builds its client, so that no SDK class is initialised by two threads
 * at once. It names no SDK type, so a factory waits here without depending on the code that warms up.
 * At most one warm-up per class loader.
 */
public final class WarmUpGate {
    private static Background<?> warmUp;

    private WarmUpGate() {
    }

    /** Starts {@code work} on its own daemon thread unless a warm-up was already started. */
    public static synchronized void startOnce(String name, Callable<?> work) {
        if (warmUp == null) {
            warmUp = Background.start(name, work);
        }
    }

    /** Returns once the warm-up is over (at once if none was started); its failure only costs its benefit. */
    public static void await() {
        Background<?> started;
        synchronized (WarmUpGate.class) {
            started = warmUp;
        }
        if (started != null) {
            try {
                started.join();
            } catch (RuntimeException | Error e) {
                // best effort: the real client loads whatever the warm-up did not
            }
        }
    }
}
