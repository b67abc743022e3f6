package io.cauri.localapi;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a function the way Lambda does: its own shaded jar in its own class loader, then the handler
 * class's no-arg constructor. Two functions never share a class (their Micronaut contexts, SDK clients and
 * static state stay apart, as in separate Lambdas) and nothing of local-api leaks into them.
 */
public final class FunctionLoader {

    /**
     * What a function jar sees above itself: the JDK, plus the Lambda runtime interfaces and event classes
     * (aws-lambda-java-core and -events) from local-api, so that local-api and the function agree on
     * {@code RequestHandler}, {@code APIGatewayV2HTTPEvent} and the response, as the Lambda runtime provides
     * them. Anything else the jar must bring itself.
     */
    static final class LambdaRuntimeClassLoader extends ClassLoader {
        private static final String SHARED = "com.amazonaws.services.lambda.runtime.";

        static {
            registerAsParallelCapable();
        }

        LambdaRuntimeClassLoader() {
            super("lambda-runtime", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(SHARED)) {
                return FunctionLoader.class.getClassLoader().loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    private static final ClassLoader RUNTIME = new LambdaRuntimeClassLoader();

    private FunctionLoader() {
    }

    /** Loads and initialises the function: Lambda's cold start. */
    @SuppressWarnings("unchecked")
    public static LoadedFunction load(SamTemplate.Function function) throws Exception {
        URLClassLoader loader = classLoader(function);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Object handler = Class.forName(function.handler(), true, loader).getConstructor().newInstance();
            if (!(handler instanceof RequestHandler<?, ?>)) {
                throw new StartupException(function.name() + ": " + function.handler() + " is not a RequestHandler");
            }
            return new LoadedFunction(function.name(), loader,
                    (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler);
        } catch (Exception | Error e) {
            loader.close();
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Loads a stream or queue consumer (its events are Lambda event classes, shared like the API ones). */
    @SuppressWarnings("unchecked")
    public static LoadedConsumer loadConsumer(SamTemplate.Function function) throws Exception {
        URLClassLoader loader = classLoader(function);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Object handler = Class.forName(function.handler(), true, loader).getConstructor().newInstance();
            if (!(handler instanceof RequestHandler<?, ?>)) {
                throw new StartupException(function.name() + ": " + function.handler() + " is not a RequestHandler");
            }
            return new LoadedConsumer(function.name(), loader, (RequestHandler<Object, Object>) handler);
        } catch (Exception | Error e) {
            loader.close();
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Jars or folders (path-separated) searched after each function's own jar; unset, nothing. bench/cost puts its
     * AWS SDK execution interceptor there (with the SDK's global interceptors file naming it), so the clients each
     * function builds count their requests without any change to the functions.
     */
    static final String EXTRA_CLASSPATH = "cauri.local.function-extra-classpath";

    /** The function's own class loader: its jar (then {@value #EXTRA_CLASSPATH}) over the JDK and the shared Lambda runtime classes. */
    static URLClassLoader classLoader(SamTemplate.Function function) throws MalformedURLException {
        if (!Files.isRegularFile(function.jar())) {
            throw new StartupException(function.name() + ": no jar at " + function.jar());
        }
        List<URL> urls = new ArrayList<>();
        urls.add(function.jar().toUri().toURL());
        String extra = System.getProperty(EXTRA_CLASSPATH, "");
        for (String entry : extra.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(function.name(), urls.toArray(URL[]::new), RUNTIME);
    }
}
