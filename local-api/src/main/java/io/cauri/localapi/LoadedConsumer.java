package io.cauri.localapi;

import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.net.URLClassLoader;

/** A warm stream or queue consumer (stream-publisher, webhook-dispatcher): its handler and its jar's class loader. */
public final class LoadedConsumer implements AutoCloseable {
    private final String name;
    private final URLClassLoader loader;
    private final RequestHandler<Object, Object> handler;

    LoadedConsumer(String name, URLClassLoader loader, RequestHandler<Object, Object> handler) {
        this.name = name;
        this.loader = loader;
        this.handler = handler;
    }

    public String name() {
        return name;
    }

    /** Calls the handler as the Lambda runtime does, with the function's class loader as context loader. */
    @SuppressWarnings("unchecked")
    public <R> R invoke(Object event) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        long start = System.nanoTime();
        try {
            return (R) handler.handleRequest(event, LocalLambdaContext.of(name));
        } finally {
            Invocations.record(name, System.nanoTime() - start);
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (handler instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } finally {
            loader.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
