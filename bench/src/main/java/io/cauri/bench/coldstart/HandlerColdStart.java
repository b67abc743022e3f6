package io.cauri.bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.cauri.bench.event.EventFile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link ColdStart} for the handlers bench/coldstart compares Cauri with (its floor and its peer): any Lambda handler
 * class named by {@code -Dbench.handler}, built by its no-arg constructor as Lambda builds it, then the same one
 * sample event. A {@link RequestHandler} of API Gateway v2 events gets the event as {@link EventFile} reads it
 * (what Lambda's runtime hands over); a {@link RequestStreamHandler} (Spring Cloud Function's {@code FunctionInvoker})
 * gets the file's bytes, as Lambda streams them, and its answer's {@code statusCode} is read back. Prints the same
 * {@code COLDSTART} line as {@link ColdStart}; exits 1 if the status is not the one the file's name promises.
 */
public final class HandlerColdStart {
    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d{3})");

    private HandlerColdStart() {
    }

    public static void main(String[] args) throws Exception {
        Instant mainStart = Instant.now();
        long t0 = System.nanoTime();
        Object handler = Class.forName(System.getProperty("bench.handler")).getConstructor().newInstance();
        long t1 = System.nanoTime();

        Path file = Path.of(args[0]);
        int status;
        String body;
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(Files.readAllBytes(file)), out, new BenchContext());
            body = out.toString(StandardCharsets.UTF_8);
            Matcher m = STATUS.matcher(body);
            status = m.find() ? Integer.parseInt(m.group(1)) : -1;
        } else {
            @SuppressWarnings("unchecked")
            var typed = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
            APIGatewayV2HTTPResponse response = typed.handleRequest(EventFile.read(file), new BenchContext());
            status = response.getStatusCode();
            body = response.getBody();
        }
        long t2 = System.nanoTime();
        Instant done = Instant.now();

        int expected = EventFile.expectedStatus(file);
        long jvmStart = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        System.out.printf("COLDSTART status=%d expected=%d main_epoch_us=%d done_epoch_us=%d init_ms=%.1f event_ms=%.1f"
                        + " jvm_start_epoch_ms=%d%n",
                status, expected, micros(mainStart), micros(done), (t1 - t0) / 1e6, (t2 - t1) / 1e6, jvmStart);
        if (status != expected) {
            System.out.println("COLDSTART-FAILED body=" + body);
            System.exit(1);
        }
        System.exit(0);
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    /** The invocation context: what Lambda's runtime would pass, with fixed values. */
    static final class BenchContext implements Context {
        @Override public String getAwsRequestId() { return "bench-request"; }
        @Override public String getLogGroupName() { return "/aws/lambda/bench"; }
        @Override public String getLogStreamName() { return "bench"; }
        @Override public String getFunctionName() { return "bench"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:bench"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.println(message); }
                @Override public void log(byte[] message) { System.out.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
