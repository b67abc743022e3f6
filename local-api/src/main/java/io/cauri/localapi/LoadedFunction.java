package io.cauri.localapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.net.URLClassLoader;

/**
 * A warm function: its handler and the class loader of its jar. Unlike Lambda, which gives each concurrent
 * request its own container, concurrent requests share this one instance (the handlers are thread-safe).
 */
public final class LoadedFunction implements AutoCloseable {

    private final String name;
    private final URLClassLoader loader;
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

    LoadedFunction(String name, URLClassLoader loader,
                   RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        this.name = name;
        this.loader = loader;
        this.handler = handler;
    }

    public String name() {
        return name;
    }

    /** Calls the handler as the Lambda runtime does, with the function's class loader as context loader. */
    public APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event, Context context) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        long start = System.nanoTime();
        try {
            return handler.handleRequest(event, context);
        } finally {
            Invocations.record(name, System.nanoTime() - start);
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (handler instanceof AutoCloseable closeable) {
                closeable.close(); // stops the function's Micronaut context and its SDK clients
            }
        } finally {
            loader.close();
        }
    }
}
