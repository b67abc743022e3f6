package io.cauri.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The SNS/SQS emulator of tools/aws-emulators (fauxqs, pinned in its package.json) started once per test JVM
 * on 127.0.0.1 and a free port, through the loopback wrapper. It needs Node 20+ and
 * {@code npm ci --prefix tools/aws-emulators} (.ci/run does it); without them {@link #shared()} fails with a
 * message saying exactly that — these tests are never skipped.
 */
public final class Fauxqs {
    private static final String SCRIPT = "fauxqs-loopback.mjs";
    private static final String READY = "FAUXQS_LISTENING ";
    private static Fauxqs instance;

    private final Process process;
    private final String endpoint;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final SnsClient sns;
    private final SqsClient sqs;

    /** A queue's URL (for the SDK) and ARN (for subscriptions). */
    public record Queue(String url, String arn) {
    }

    private Fauxqs() throws IOException, InterruptedException {
        Path tools = toolsDirectory();
        if (!Files.isDirectory(tools.resolve("node_modules").resolve("fauxqs"))) {
            throw new IllegalStateException("The SNS/SQS emulator is not installed in " + tools
                    + ". Run: npm ci --prefix tools/aws-emulators   (needs Node 20+ and npm; .ci/run does it)");
        }
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPT).directory(tools.toFile()).redirectErrorStream(true);
        builder.environment().put("FAUXQS_PORT", "0");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the SNS/SQS emulator: `node` is not on the PATH. Install "
                    + "Node 20+ and npm, then run: npm ci --prefix tools/aws-emulators", e);
        }
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith(READY)) {
                        address.complete(line.substring(READY.length()).strip());
                    }
                }
            } catch (IOException ignored) {
                // the emulator stopped
            }
            address.completeExceptionally(new IllegalStateException("fauxqs exited: " + String.join("\n", output)));
        }, "fauxqs-output");
        reader.setDaemon(true);
        reader.start();
        try {
            endpoint = address.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("The SNS/SQS emulator did not start: " + String.join("\n", output), e);
        }
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        sns = SnsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    public static synchronized Fauxqs shared() {
        if (instance == null) {
            try {
                instance = new Fauxqs();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the SNS/SQS emulator", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the SNS/SQS emulator", e);
            }
        }
        return instance;
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint override for both SNS and SQS clients. */
    public String endpoint() {
        return endpoint;
    }

    public SnsClient sns() {
        return sns;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String createTopic(String name) {
        return sns.createTopic(r -> r.name(name)).topicArn();
    }

    /** A standard queue whose unacknowledged messages come back after {@code visibilityTimeoutSeconds}. */
    public Queue createQueue(String name, int visibilityTimeoutSeconds) {
        String url = sqs.createQueue(r -> r.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)))).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    /** Topic → queue with raw message delivery, as template.yaml subscribes the webhook queue. */
    public void subscribeRaw(String topicArn, Queue queue) {
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queue.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
    }

    /** The tools/aws-emulators folder of the repository, found upwards from the working directory. */
    static Path toolsDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("tools").resolve("aws-emulators");
            if (Files.isRegularFile(candidate.resolve(SCRIPT))) {
                return candidate;
            }
        }
        throw new IllegalStateException("tools/aws-emulators/" + SCRIPT + " not found above " + dir);
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
