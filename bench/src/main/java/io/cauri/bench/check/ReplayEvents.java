package io.cauri.bench.check;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.cauri.bench.event.EventFile;
import io.cauri.bench.event.HttpHandler;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Path;

/**
 * Every given API Gateway sample event through ONE function's shaded jar (the class path is that jar and
 * this one), each from a fresh demo intent, answered with the status its file name promises. It proves the
 * jar holds every class those requests load — the functions' tests run on Maven's class path, not on the
 * trimmed jar. Prints one line per event and exits 1 on any mismatch.
 */
public final class ReplayEvents {
    private ReplayEvents() {
    }

    public static void main(String[] args) throws Exception {
        String resetUrl = System.getProperty("bench.reset-url");
        APIGatewayV2HTTPEventFunction handler = HttpHandler.create();
        int failures = 0;
        for (String arg : args) {
            Path file = Path.of(arg);
            reset(resetUrl);
            int expected = EventFile.expectedStatus(file);
            APIGatewayV2HTTPEvent event = EventFile.read(file);
            APIGatewayV2HTTPResponse response;
            try {
                response = handler.handleRequest(event, new MockLambdaContext());
            } catch (Throwable t) {
                System.out.println("REPLAY FAIL " + file.getFileName() + " threw " + t);
                t.printStackTrace(System.out);
                failures++;
                continue;
            }
            boolean ok = response.getStatusCode() == expected;
            System.out.println("REPLAY " + (ok ? "ok  " : "FAIL") + " " + file.getFileName() + " -> "
                    + response.getStatusCode() + (ok ? "" : " body=" + response.getBody()));
            if (!ok) {
                failures++;
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static void reset(String url) throws Exception {
        if (url == null) {
            return;
        }
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setRequestMethod("POST");
        if (c.getResponseCode() != 204) {
            throw new IllegalStateException("reset of the demo intent failed: HTTP " + c.getResponseCode());
        }
        c.disconnect();
    }
}
