package io.cauri.lambda;

import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.optim.StaticOptimizations;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Micronaut's {@code Publishers}, each time in a class loader of its own (its lists are made once per loader):
 * with {@link ReactiveTypes} it knows the same reactive, single and completable types as it finds by itself, and
 * Reactor's {@code Flux} and {@code Mono} are not initialised.
 */
class ReactiveTypesTest {

    @Test
    void publishersKnowTheSameTypesWithoutInitialisingReactor() throws Exception {
        try (URLClassLoader own = freshLoader(); URLClassLoader registered = freshLoader()) {
            List<List<String>> byItself = knownTypes(own);
            assertTrue(byItself.get(1).contains("reactor.core.publisher.Mono"), byItself.toString());
            assertFalse(shouldBeInitialized(own, "reactor.core.publisher.Flux"), "Publishers initialises Flux by itself");
            assertFalse(shouldBeInitialized(own, "reactor.core.publisher.Mono"));

            Method register = registered.loadClass(ReactiveTypes.class.getName()).getDeclaredMethod("register", ClassLoader.class);
            register.setAccessible(true);
            assertEquals(true, register.invoke(null, registered));
            assertEquals(byItself, knownTypes(registered));
            assertTrue(shouldBeInitialized(registered, "reactor.core.publisher.Flux"), "Flux was initialised");
            assertTrue(shouldBeInitialized(registered, "reactor.core.publisher.Mono"), "Mono was initialised");

            // Publishers is initialised in that loader now: a second context's configurer changes nothing
            assertEquals(false, register.invoke(null, registered));
            assertEquals(byItself, knownTypes(registered));
        }
    }

    @Test
    void aContextBuilderRunsIt() {
        // the function's own loader: whatever ran first in this JVM, registering again never throws
        new ReactiveTypes().configure(io.micronaut.context.ApplicationContext.builder());
        assertTrue(Publishers.isSingle(reactor.core.publisher.Mono.class));
        assertTrue(Publishers.isConvertibleToPublisher(Flux.class));
    }

    /** Publishers' reactive, single and completable types, by name, as that loader's Publishers has them. */
    private static List<List<String>> knownTypes(ClassLoader loader) throws Exception {
        Class<?> publishers = Class.forName(Publishers.class.getName(), true, loader);
        return Stream.of("getKnownReactiveTypes", "getKnownSingleTypes", "getKnownCompletableTypes")
                .map(name -> {
                    try {
                        @SuppressWarnings("unchecked")
                        List<Class<?>> types = (List<Class<?>>) publishers.getMethod(name).invoke(null);
                        return types.stream().map(Class::getName).toList();
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
    }

    /** Whether the class (loaded, not initialised, by this call) still has its static initialiser to run. */
    private static boolean shouldBeInitialized(ClassLoader loader, String name) throws Exception {
        Class<?> type = Class.forName(name, false, loader);
        // the JDK's own Unsafe, exported to the tests by this module's surefire argLine: sun.misc.Unsafe lost
        // shouldBeInitialized in JDK 22, and the suite also runs on JDK 25 (Lambda's java25 runtime)
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        return (boolean) unsafeType.getMethod("shouldBeInitialized", Class.class).invoke(unsafe, type);
    }

    /** A loader over lambda-support, Micronaut's core, Reactor and SLF4J only, apart from this JVM's. */
    private static URLClassLoader freshLoader() {
        URL[] urls = Stream.of(ReactiveTypes.class, Publishers.class, StaticOptimizations.class,
                        ApplicationContextConfigurer.class, Flux.class, Publisher.class, LoggerFactory.class)
                .map(type -> type.getProtectionDomain().getCodeSource().getLocation())
                .distinct().toArray(URL[]::new);
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }
}
