package io.cauri.localaws;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The SNS/SQS emulator of tools/aws-emulators (fauxqs, pinned in its package.json), a Node process bound to
 * 127.0.0.1 on a free port through the loopback wrapper. It needs Node 20+ and
 * {@code npm ci --prefix tools/aws-emulators}; {@link #unavailable} says what is missing. It stops with
 * {@link #close()}, and exits by itself when this JVM dies (its stdin closes).
 */
public final class Fauxqs implements AutoCloseable {
    public static final String SCRIPT = "fauxqs-loopback.mjs";
    private static final String READY = "FAUXQS_LISTENING ";
    private static final String INSTALL = "npm ci --prefix tools/aws-emulators";
    private static Fauxqs shared;

    private final Process process;
    private final String endpoint;
    private final SnsClient sns;
    private final SqsClient sqs;

    /** A queue's URL (for the SDK) and ARN (for subscriptions and events). */
    public record Queue(String url, String arn) {
    }

    private Fauxqs(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.sns = LocalClients.sns(endpoint);
        this.sqs = LocalClients.sqs(endpoint);
    }

    /**
     * Why the emulator cannot run from {@code tools}, or empty if it can: the wrapper there, Node on the PATH and
     * the npm package installed completely (imported by Node, so a half-finished install is caught here, not as a
     * start that never says it is listening).
     */
    public static Optional<String> unavailable(Path tools) {
        if (!Files.isRegularFile(tools.resolve(SCRIPT))) {
            return Optional.of("no " + tools.resolve(SCRIPT));
        }
        if (!Files.isDirectory(tools.resolve("node_modules").resolve("fauxqs"))) {
            return Optional.of("the SNS/SQS emulator is not installed in " + tools + " (run: " + INSTALL
                    + "; needs Node 20+ and npm)");
        }
        List<String> output = new ArrayList<>();
        try {
            Process node = new ProcessBuilder("node", "--input-type=module", "-e", "await import('fauxqs')")
                    .directory(tools.toFile()).redirectErrorStream(true).start();
            node.getOutputStream().close();
            try (BufferedReader lines = node.inputReader(StandardCharsets.UTF_8)) {
                lines.lines().limit(20).forEach(output::add);
            }
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                return Optional.of("Node did not load the SNS/SQS emulator within 30 s");
            }
            if (node.exitValue() != 0) {
                return Optional.of("the SNS/SQS emulator is not installed completely in " + tools + " (run: " + INSTALL
                        + "): " + String.join("\n", output));
            }
        } catch (IOException e) {
            return Optional.of("Node is not on the PATH (install Node 20+ and npm, then run: " + INSTALL + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        return Optional.empty();
    }

    /** Starts the emulator of {@code tools}; {@link IllegalStateException} saying why when it cannot. */
    public static Fauxqs start(Path tools) {
        Optional<String> unavailable = unavailable(tools);
        if (unavailable.isPresent()) {
            throw new IllegalStateException("Cannot start the SNS/SQS emulator: " + unavailable.get());
        }
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPT).directory(tools.toFile()).redirectErrorStream(true);
        builder.environment().put("FAUXQS_PORT", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the SNS/SQS emulator: " + e.getMessage(), e);
        }
        List<String> output = Collections.synchronizedList(new ArrayList<>());
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
            return new Fauxqs(process, address.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("The SNS/SQS emulator did not start: " + String.join("\n", output), e);
        }
    }

    /**
     * One emulator for this JVM (tests), started on first use from the tools/aws-emulators folder above the working
     * directory and stopped when the JVM exits. Without Node or the npm package it fails saying exactly that:
     * the tests that need it are never skipped.
     */
    public static synchronized Fauxqs shared() {
        if (shared == null) {
            Fauxqs started = start(toolsDirectory());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            shared = started;
        }
        return shared;
    }

    /** The tools/aws-emulators folder of the repository, found upwards from the working directory. */
    public static Path toolsDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("tools").resolve("aws-emulators");
            if (Files.isRegularFile(candidate.resolve(SCRIPT))) {
                return candidate;
            }
        }
        throw new IllegalStateException("tools/aws-emulators/" + SCRIPT + " not found above " + dir);
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

    /** Topic → queue with raw message delivery. */
    public void subscribeRaw(String topicArn, Queue queue) {
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queue.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
    }

    /**
     * Topic → queue with raw message delivery and a filter policy on the messages' attributes, as template.yaml
     * subscribes the webhook queue: only the messages the policy matches reach the queue. Its ARN (to unsubscribe).
     */
    public String subscribeRaw(String topicArn, Queue queue, String filterPolicy) {
        return sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queue.arn())
                .attributes(Map.of("RawMessageDelivery", "true", "FilterPolicyScope", "MessageAttributes",
                        "FilterPolicy", filterPolicy))).subscriptionArn();
    }

    @Override
    public void close() {
        sns.close();
        sqs.close();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "SNS/SQS emulator " + endpoint;
    }
}
