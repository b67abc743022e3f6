package io.cauri.localapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cauri.id.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local stand-in for API Gateway (HTTP API): routes each request to its function, maps it to a
 * payload 2.0 event and the function's response back, and logs one line per request. Also serves the API
 * reference ({@link ApiReference}: {@code /openapi.yaml}, {@code /docs}), which API Gateway does not.
 * Bound to 127.0.0.1 only: plain HTTP, with known local credentials, is for this machine alone.
 */
public final class HttpApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("local-api");
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpApiServer(int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "local-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
    }

    /** Takes the port now, so that a busy port fails the start at once rather than after every cold start. */
    public static HttpApiServer bind(int port) throws IOException {
        return new HttpApiServer(port);
    }

    /** Starts serving {@code functions} (by name) on the routes of {@code router}. */
    public void serve(Router router, Map<String, LoadedFunction> functions) {
        serve(router, functions, () -> { });
    }

    /** {@link #serve(Router, Map)}, running {@code afterInvoke} after each function invocation (local-api: wake the streams). */
    public void serve(Router router, Map<String, LoadedFunction> functions, Runnable afterInvoke) {
        ApiReference.register(server); // /openapi.yaml and /docs, beside the template's routes
        server.createContext("/", exchange -> {
            try {
                handle(exchange, router, functions);
            } finally {
                afterInvoke.run();
            }
        });
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange exchange, Router router, Map<String, LoadedFunction> functions) {
        long start = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String requestId = Ids.next(Ids.REQUEST);
        Optional<Router.Match> match = router.find(method, path);
        String function = match.map(m -> m.route().function()).orElse("-");
        try {
            int status;
            if (match.isEmpty()) {
                status = 404;
                ApiGatewayEventMapper.writeJson(exchange, status, "{\"status\":404,\"code\":\"not_found\",\"message\":\"No route for "
                        + jsonEscape(method + " " + path) + "\",\"request_id\":\"" + requestId + "\"}");
            } else {
                status = invoke(exchange, match.get(), functions.get(function), requestId);
            }
            LOG.info("{} {} {} {} ms {}", method, path, status, (System.nanoTime() - start) / 1_000_000, function);
        } catch (IOException | RuntimeException e) { // the client went away, or the response was unwritable
            LOG.warn("{} {} failed after {} ms {}: {}", method, path, (System.nanoTime() - start) / 1_000_000, function, e.toString());
            exchange.close();
        }
    }

    private static int invoke(HttpExchange exchange, Router.Match match, LoadedFunction function, String requestId)
            throws IOException {
        APIGatewayV2HTTPResponse response;
        try {
            response = function.invoke(ApiGatewayEventMapper.toEvent(exchange, match, requestId),
                    LocalLambdaContext.of(function.name()));
        } catch (RuntimeException | Error e) {
            LOG.error("{} threw while handling {}", function.name(), requestId, e);
            response = null;
        }
        if (response == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            // What API Gateway answers when the integration fails or returns something unusable.
            ApiGatewayEventMapper.writeJson(exchange, 500, "{\"message\":\"Internal Server Error\"}");
            return 500;
        }
        ApiGatewayEventMapper.write(exchange, response, requestId);
        return response.getStatusCode();
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Stops accepting, lets requests in flight finish (up to a second), then stops the threads. */
    @Override
    public void close() throws InterruptedException {
        server.stop(1);
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
