package io.cauri.sdk.typescript;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.localapi.LocalApi;
import io.cauri.localapi.Options;
import io.cauri.webhook.WebhookSecret;
import io.cauri.webhook.WebhookSignatures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TypeScript SDK's own tests (sdk/typescript/test, run by `npm test`) against a real local-api started here, plus
 * a webhook sample signed by the Java signer the dispatcher uses, which the SDK must verify and reproduce; and a
 * check that the committed generated client is what the OpenAPI document generates today.
 */
class TypeScriptSdkTest {
    static final String MERCHANT = "m_demo";
    static final String API_KEY = "sk_demo_0123456789";
    /** local-api's switch for delivering events in this JVM instead of through the SNS/SQS emulator: the emulator
     *  path has local-api's own tests; here the point is the SDK, so one fewer process to start. */
    static final String EVENTS_IN_PROCESS = "cauri.local.events-in-process";
    static final Path SDK = Path.of("").toAbsolutePath();

    @TempDir
    static Path dir;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty(EVENTS_IN_PROCESS, "true");
        api = LocalApi.start(new Options(0, MERCHANT, API_KEY, dir.resolve("data"), SDK.resolve("../../template.yaml").normalize(), false));
    }

    @AfterAll
    static void stop() {
        System.clearProperty(EVENTS_IN_PROCESS);
        if (api != null) {
            api.close();
        }
    }

    @Test
    void nodeTestsPassAgainstLocalApi() throws Exception {
        Path sample = dir.resolve("java-signed.json");
        WebhookSecret current = WebhookSecret.generate();
        WebhookSecret previous = WebhookSecret.generate();
        String body = "{\"id\":\"evt_java_sample\",\"type\":\"payment_intent.successful\",\"data\":{\"id\":\"pi_1\",\"amount\":1000,\"label\":\"Café à Dakar\"}}";
        Map<String, String> headers = WebhookSignatures.sign("evt_java_sample", Instant.now(), body, current, previous);
        new ObjectMapper().writeValue(sample.toFile(), Map.of("secret", current.value(), "previousSecret", previous.value(),
                "body", body, "headers", headers));

        String output = run(Map.of("CAURI_BASE_URL", api.baseUrl(), "CAURI_API_KEY", API_KEY, "CAURI_MERCHANT_ID", MERCHANT,
                "CAURI_JAVA_SIGNED", sample.toString()), "npm", "test");
        // every test ran: none skipped for want of local-api or of the Java sample
        assertTrue(output.contains("# fail 0"), "node tests failed");
        assertTrue(output.contains("# skipped 0"), "a node test was skipped");
    }

    @Test
    void committedClientIsWhatTheOpenApiDocumentGenerates() throws Exception {
        Path document = dir.resolve("cauri.yml");
        try (InputStream in = TypeScriptSdkTest.class.getResourceAsStream("/META-INF/swagger/cauri.yml")) {
            assertNotNull(in, "the openapi module's document is on the classpath (through local-api)");
            Files.copy(in, document);
        }
        String output = run(Map.of(), "node", "scripts/generate.mjs", "--check", document.toString());
        assertTrue(output.contains("matches the OpenAPI document"), output);
    }

    /** Runs a command in sdk/typescript, echoing its output; asserts exit status 0 and returns the output. */
    static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        assertTrue(Files.isDirectory(SDK.resolve("node_modules")),
                "sdk/typescript/node_modules is missing: run `npm ci --prefix sdk/typescript` (./test does)");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(SDK.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println(line);
                output.append(line).append('\n');
            }
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
        return output.toString();
    }
}
