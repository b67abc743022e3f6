package io.cauri.localapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The pinned SNS/SQS emulator of tools/aws-emulators (fauxqs), bound to 127.0.0.1 on a free port through
 * the loopback wrapper (BUILD-NOTES §3). It stops with local-api; it also exits by itself when local-api's
 * JVM dies (its stdin closes).
 */
final class Emulator implements AutoCloseable {
    static final String SCRIPT = "fauxqs-loopback.mjs";
    private static final String READY = "FAUXQS_LISTENING ";

    private final Process process;
    private final String endpoint;

    private Emulator(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Why the emulator cannot run here, or empty if it can (Node on the PATH, the npm package installed). */
    static Optional<String> unavailable(Path tools) {
        if (!Files.isRegularFile(tools.resolve(SCRIPT))) {
            return Optional.of("no " + tools.resolve(SCRIPT));
        }
        if (!Files.isDirectory(tools.resolve("node_modules").resolve("fauxqs"))) {
            return Optional.of("the SNS/SQS emulator is not installed (npm ci --prefix tools/aws-emulators)");
        }
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!node.waitFor(10, TimeUnit.SECONDS) || node.exitValue() != 0) {
                return Optional.of("`node --version` failed");
            }
        } catch (IOException e) {
            return Optional.of("Node is not on the PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        return Optional.empty();
    }

    static Emulator start(Path tools) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPT).directory(tools.toFile()).redirectErrorStream(true);
        builder.environment().put("FAUXQS_PORT", "0");
        Process process = builder.start();
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
            address.completeExceptionally(new StartupException("the SNS/SQS emulator exited: " + String.join("\n", output)));
        }, "fauxqs-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Emulator(process, address.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new StartupException("the SNS/SQS emulator did not start: " + String.join("\n", output), e);
        }
    }

    String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "SNS/SQS emulator " + endpoint;
    }
}
