package io.cauri.bench.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.cauri.bench.event.EventFile;
import io.cauri.bench.event.HttpHandler;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One cold start, as Lambda does it: template.yaml's handler built by name with its no-arg constructor
 * ({@link HttpHandler}; configuration comes from system properties / environment), then one event through
 * {@code handleRequest}. Runs on the classpath {@code <function>.jar:coldstart.jar} and nothing else.
 * <p>
 * Prints one line for bench/coldstart: wall-clock instants (epoch µs, the clock bash's EPOCHREALTIME reads)
 * when main started and when the response was handled, and the two phases measured inside the JVM.
 * Exits 1 if the status is not the one the event file's name promises: a failing request is not a figure.
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        Instant mainStart = Instant.now();
        long t0 = System.nanoTime();
        APIGatewayV2HTTPEventFunction handler = HttpHandler.create();
        long t1 = System.nanoTime();

        Path file = Path.of(args[0]);
        APIGatewayV2HTTPEvent event = EventFile.read(file);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new MockLambdaContext());
        long t2 = System.nanoTime();
        Instant done = Instant.now();

        int expected = EventFile.expectedStatus(file);
        long jvmStart = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        System.out.printf("COLDSTART status=%d expected=%d main_epoch_us=%d done_epoch_us=%d init_ms=%.1f event_ms=%.1f"
                        + " jvm_start_epoch_ms=%d%n",
                response.getStatusCode(), expected, micros(mainStart), micros(done), (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                jvmStart);
        if (response.getStatusCode() != expected) {
            System.out.println("COLDSTART-FAILED body=" + response.getBody());
            System.exit(1);
        }
        System.exit(0);
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
