package io.cauri.lambda;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;

import java.util.List;

/**
 * Loads and links Reactor's {@code Flux} and {@code Mono} on a second core while Micronaut starts. Micronaut's
 * HTTP request path needs them (its body handling, route executor and {@code Publishers} refer to them), and
 * they are the two largest classes a function loads: verifying them loads some 260 operator classes, about
 * 150 ms of a plain cold start on this machine's cores, which the main thread otherwise pays when Micronaut
 * first touches them half-way through its start.
 * <p>
 * Linked only, never initialised here ({@code Class.forName(name, false, …)}, then reflection, which links):
 * no static initialiser runs on this thread, so no class initialisation can interleave with the main thread's.
 * Started once per class loader, from the context builder's constructor (an {@link ApplicationContextConfigurer});
 * a failure only costs the head start.
 */
@ContextConfigurer
public final class ReactorPreload implements ApplicationContextConfigurer {
    static final List<String> CLASSES = List.of("reactor.core.publisher.Flux", "reactor.core.publisher.Mono");
    private static boolean started;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        start(ReactorPreload.class.getClassLoader()); // the function's loader: its jar holds Reactor
    }

    static synchronized void start(ClassLoader loader) {
        if (started) {
            return;
        }
        started = true;
        Thread thread = new Thread(() -> link(loader), "cauri-init-reactor-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /** Loads and links each class; the number linked. */
    static int link(ClassLoader loader) {
        int linked = 0;
        for (String name : CLASSES) {
            try {
                Class.forName(name, false, loader).getDeclaredFields(); // reflection links the class: verification
                linked++;
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                // best effort: Micronaut loads whatever this did not
            }
        }
        return linked;
    }
}
