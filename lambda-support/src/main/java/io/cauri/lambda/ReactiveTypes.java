package io.cauri.lambda;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.core.async.publisher.PublishersOptimizations;
import io.micronaut.core.optim.StaticOptimizations;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands Micronaut's {@code Publishers} its lists of reactive types ready-made, so that building them does not
 * initialise Reactor. Without this, {@code Publishers}' static initialiser (first run when the router asks
 * whether a route's body type is reactive) finds each known reactive type with {@code Class.forName(name, true, …)}:
 * that <em>initialises</em> {@code Flux} and {@code Mono}, and verifying those two loads some 260 Reactor operator
 * classes a Lambda proxy never uses (no route returns a publisher). Here the same types are found in the same
 * order, loaded only ({@code Class.forName(name, false, …)}: no verification, no static initialiser), and passed
 * through Micronaut's own hook for build-time optimisations ({@link StaticOptimizations}, which Micronaut AOT
 * fills the same way). {@code Publishers.isSingle(Mono.class)} and the rest answer as before.
 * <p>
 * Run once per class loader from the context builder's constructor (an {@link ApplicationContextConfigurer}),
 * before any context starts. If {@code Publishers} was already initialised in this class loader (a second context
 * in the same JVM: tests, local-api), its lists are already made and this does nothing.
 */
@ContextConfigurer
public final class ReactiveTypes implements ApplicationContextConfigurer {
    /** Publishers' own lists (micronaut-core-reactive 4.10): reactive types that are neither single nor completable. */
    static final List<String> NON_SPECIFIC = List.of("io.reactivex.Observable", "reactor.core.publisher.Flux",
            "kotlinx.coroutines.flow.Flow", "io.reactivex.rxjava3.core.Flowable", "io.reactivex.rxjava3.core.Observable");
    static final List<String> SINGLE = List.of("io.micronaut.core.async.publisher.CompletableFuturePublisher",
            "io.micronaut.core.async.publisher.Publishers$JustPublisher",
            "io.micronaut.core.async.publisher.Publishers$JustThrowPublisher", "io.reactivex.Single",
            "reactor.core.publisher.Mono", "io.reactivex.Maybe", "io.reactivex.rxjava3.core.Single",
            "io.reactivex.rxjava3.core.Maybe");
    static final List<String> COMPLETABLE = List.of("io.reactivex.Completable", "io.reactivex.rxjava3.core.Completable",
            "io.micronaut.core.async.subscriber.Completable");

    @Override
    public void configure(ApplicationContextBuilder builder) {
        register(ReactiveTypes.class.getClassLoader()); // the function's loader: its jar holds Micronaut and Reactor
    }

    /** Sets the lists unless {@code Publishers} has read them already; whether they were set. */
    static synchronized boolean register(ClassLoader loader) {
        try {
            StaticOptimizations.set(optimizations(loader));
            return true;
        } catch (IllegalStateException alreadyRead) {
            return false; // Publishers is initialised in this loader: it made its lists itself
        }
    }

    /** The lists {@code Publishers} would make: reactive (every type), single, completable; mutable, as its own. */
    static PublishersOptimizations optimizations(ClassLoader loader) {
        List<Class<?>> reactive = new ArrayList<>();
        List<Class<?>> single = new ArrayList<>();
        List<Class<?>> completable = new ArrayList<>();
        for (String name : NON_SPECIFIC) {
            load(name, loader, reactive, null);
        }
        for (String name : SINGLE) {
            load(name, loader, single, reactive);
        }
        for (String name : COMPLETABLE) {
            load(name, loader, completable, reactive);
        }
        return new PublishersOptimizations(reactive, single, completable);
    }

    private static void load(String name, ClassLoader loader, List<Class<?>> list, List<Class<?>> alsoIn) {
        try {
            Class<?> type = Class.forName(name, false, loader);
            list.add(type);
            if (alsoIn != null) {
                alsoIn.add(type);
            }
        } catch (ClassNotFoundException | LinkageError absent) {
            // not on the class path: Publishers leaves it out too
        }
    }
}
