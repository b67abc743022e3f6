package io.cauri.aws;

import io.cauri.local.PropertyConnectorSettings;
import io.cauri.provider.ConnectorSettings;
import io.cauri.testing.FakeSecretsManager;
import io.cauri.testing.MovableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Secrets Manager adapter of the connector settings, through the real SDK client against a strict fake of
 * GetSecretValue on 127.0.0.1 (FakeSecretsManager): lazy, one read for concurrent first uses, re-read after
 * its TTL and after {@code forget()} (the SnapStart restore), and never a secret value in a log line, an error or
 * a {@code toString()}.
 */
class SecretsManagerConnectorSettingsTest {
    private static final String WAVE_SECRET = "cauri/live/wave";
    private static final String API_KEY = "wave_sn_prod_Zq8r4TfK2m9LxW";
    private static final String WEBHOOK_SECRET = "wave_sn_WHS_7Yp3bNc6Vd1Qe";
    private static final String ROTATED_KEY = "wave_sn_prod_ROTATED_h5Gj2Kk";

    private FakeSecretsManager fake;
    private final AtomicInteger clientsBuilt = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T02:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        fake = FakeSecretsManager.start();
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), fake.refused(), "every request was a well-formed GetSecretValue");
        fake.close();
    }

    private SecretsManagerConnectorSettings settings(Map<String, String> secretIds) {
        return new SecretsManagerConnectorSettings(connector -> Optional.ofNullable(secretIds.get(connector)),
                Duration.ofMinutes(5), clock, () -> {
                    clientsBuilt.incrementAndGet();
                    return fake.client();
                });
    }

    private static String wave(String apiKey) {
        return FakeSecretsManager.json(Map.of("baseUrl", "https://api.wave.com", "apiKey", apiKey,
                "webhookSecret", WEBHOOK_SECRET));
    }

    @Test
    void nothingIsReadAndNoClientBuiltUntilAConnectorAsks() {
        fake.put(WAVE_SECRET, wave(API_KEY));
        SecretsManagerConnectorSettings settings = settings(Map.of("wave", WAVE_SECRET));

        assertEquals(0, clientsBuilt.get());
        assertEquals(0, fake.reads(WAVE_SECRET));

        Map<String, String> wave = settings.of("wave").orElseThrow();
        assertEquals(API_KEY, wave.get("apiKey"));
        assertEquals("https://api.wave.com", wave.get("baseUrl"));
        assertEquals(WEBHOOK_SECRET, wave.get("webhookSecret"));
        assertEquals(1, fake.reads(WAVE_SECRET));
        assertEquals(Optional.empty(), settings.of("fedapay"), "a connector without a secret id has no settings");
        assertEquals(1, clientsBuilt.get());
    }

    @Test
    void twentyConcurrentFirstUsesMakeOneRead() throws Exception {
        fake.put(WAVE_SECRET, wave(API_KEY));
        fake.delay(300); // the first read is still in flight when the others ask
        SecretsManagerConnectorSettings settings = settings(Map.of("wave", WAVE_SECRET));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<Map<String, String>>>> reads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<Optional<Map<String, String>>> read = () -> {
                    go.await();
                    return settings.of("wave");
                };
                reads.add(pool.submit(read));
            }
            go.countDown();
            for (Future<Optional<Map<String, String>>> read : reads) {
                assertEquals(API_KEY, read.get().orElseThrow().get("apiKey"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fake.reads(WAVE_SECRET));
        assertEquals(1, clientsBuilt.get());
        for (int i = 0; i < 5; i++) {
            settings.of("wave");
        }
        assertEquals(1, fake.reads(WAVE_SECRET), "warm reads come from the cache");
    }

    @Test
    void aRotatedCredentialIsSeenOnceTheTtlHasPassed() {
        fake.put(WAVE_SECRET, wave(API_KEY));
        SecretsManagerConnectorSettings settings = settings(Map.of("wave", WAVE_SECRET));
        assertEquals(API_KEY, settings.of("wave").orElseThrow().get("apiKey"));

        fake.put(WAVE_SECRET, wave(ROTATED_KEY));
        clock.advance(Duration.ofMinutes(4));
        assertEquals(API_KEY, settings.of("wave").orElseThrow().get("apiKey"), "within the TTL: cached");
        assertEquals(1, fake.reads(WAVE_SECRET));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(ROTATED_KEY, settings.of("wave").orElseThrow().get("apiKey"));
        assertEquals(2, fake.reads(WAVE_SECRET));
        assertEquals(1, clientsBuilt.get(), "the client is built once");
    }

    @Test
    void afterForgetTheNextUseReadsAgain() {
        fake.put(WAVE_SECRET, wave(API_KEY));
        SecretsManagerConnectorSettings settings = settings(Map.of("wave", WAVE_SECRET));
        assertEquals(API_KEY, settings.of("wave").orElseThrow().get("apiKey"));
        fake.put(WAVE_SECRET, wave(ROTATED_KEY));

        settings.forget(); // what the SnapStart hook does after a restore

        assertEquals(1, fake.reads(WAVE_SECRET), "forgetting reads nothing");
        assertEquals(ROTATED_KEY, settings.of("wave").orElseThrow().get("apiKey"));
        assertEquals(2, fake.reads(WAVE_SECRET));
    }

    @Test
    void aMissingSecretLeavesTheConnectorUnavailableSaysSoAndIsRetriedLater() {
        SecretsManagerConnectorSettings settings = settings(Map.of("wave", WAVE_SECRET));

        String log = captured(() -> assertEquals(Optional.empty(), settings.of("wave")));

        assertTrue(log.contains("connector wave: secret " + WAVE_SECRET + " does not exist (ResourceNotFoundException)"),
                log);
        assertEquals(Optional.empty(), settings.of("wave"));
        assertEquals(1, fake.reads(WAVE_SECRET), "a failed read is not repeated at once");

        fake.put(WAVE_SECRET, wave(API_KEY));
        clock.advance(SecretsManagerConnectorSettings.RETRY_AFTER_FAILURE);
        assertEquals(API_KEY, settings.of("wave").orElseThrow().get("apiKey"));
        assertEquals(2, fake.reads(WAVE_SECRET));
    }

    @Test
    void aMalformedSecretLeavesTheConnectorUnavailableAndItsValueUnlogged() {
        SecretsManagerConnectorSettings settings = settings(Map.of("wave", WAVE_SECRET));
        List<String> malformed = List.of(
                "apiKey=" + API_KEY,                                              // not JSON
                "{\"apiKey\": \"" + API_KEY + "\", \"retries\": 3}",               // a value that is not a string
                "{\"apiKey\": \"" + API_KEY + "\"} {\"x\": \"" + API_KEY + "\"}",  // content after the object
                "[\"" + API_KEY + "\"]",                                          // not an object
                "{\"apiKey\": \"" + API_KEY + "\", \"apiKey\": \"" + WEBHOOK_SECRET + "\"}",
                "{\"apiKey\": \"" + API_KEY);                                     // cut short
        for (String secret : malformed) {
            fake.put(WAVE_SECRET, secret);
            clock.advance(SecretsManagerConnectorSettings.RETRY_AFTER_FAILURE);

            String log = captured(() -> assertEquals(Optional.empty(), settings.of("wave"), secret));

            assertTrue(log.contains("connector wave: secret " + WAVE_SECRET + " is not a JSON object of strings ("),
                    log);
            assertFalse(log.contains(API_KEY) || log.contains(WEBHOOK_SECRET) || log.contains("wave_sn"),
                    "the log shows the secret: " + log);
        }
        assertEquals(malformed.size(), fake.reads(WAVE_SECRET));
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodSettings() {
        fake.put(WAVE_SECRET, wave(API_KEY));
        SecretsManagerConnectorSettings settings = settings(Map.of("wave", WAVE_SECRET));
        settings.of("wave");
        fake.put(WAVE_SECRET, "{broken " + ROTATED_KEY);
        clock.advance(Duration.ofMinutes(6));

        String log = captured(() -> assertEquals(API_KEY, settings.of("wave").orElseThrow().get("apiKey")));

        assertTrue(log.contains("connector wave settings (secret " + WAVE_SECRET + "): cannot be read (Unreadable); "
                + "keeping the value read at"), log);
        assertFalse(log.contains(API_KEY) || log.contains(ROTATED_KEY), log);
        assertEquals(2, fake.reads(WAVE_SECRET));

        clock.advance(io.cauri.secret.CachedSecret.DEFAULT_GRACE); // for a bounded grace, not for ever
        assertEquals(Optional.empty(), settings.of("wave"));
    }

    @Test
    void neitherTheAdapterNorTheSettingsPrintAValue() {
        fake.put(WAVE_SECRET, wave(API_KEY));
        SecretsManagerConnectorSettings settings = settings(Map.of("wave", WAVE_SECRET));
        Map<String, String> wave = settings.of("wave").orElseThrow();

        for (String printed : List.of(settings.toString(), wave.toString(), String.valueOf(Optional.of(wave)))) {
            assertFalse(printed.contains(API_KEY) || printed.contains(WEBHOOK_SECRET), printed);
        }
        assertTrue(settings.toString().contains("wave=" + WAVE_SECRET), settings.toString());
        assertEquals("{apiKey, baseUrl, webhookSecret (values redacted)}", wave.toString());
        assertEquals(Map.of("baseUrl", "https://api.wave.com", "apiKey", API_KEY, "webhookSecret", WEBHOOK_SECRET),
                Map.copyOf(wave), "the values are all there to be used");
    }

    @Test
    void theBeanIsTheAdapterOnlyWhereSecretIdsAreConfigured() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("cauri.connectors.wave.apiKey", "local"))) {
            assertInstanceOf(PropertyConnectorSettings.class, ctx.getBean(ConnectorSettings.class));
        }
        fake.put(WAVE_SECRET, wave(API_KEY));
        // as Lambda passes it: environment variables, which Micronaut maps onto property names
        Map<String, Object> env = Map.of(
                "CAURI_CONNECTOR_SECRETS_WAVE", WAVE_SECRET,
                "CAURI_CONNECTOR_SECRETS_MTN_MOMO", "cauri/live/mtn-momo",
                "CAURI_CONNECTOR_SECRETS_FEDAPAY", "");
        try (ApplicationContext ctx = ApplicationContext.builder()
                .propertySources(PropertySource.of("env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .properties(Map.of("cauri.connector-secrets-endpoint", fake.endpoint()))
                .start()) {
            ConnectorSettings settings = ctx.getBean(ConnectorSettings.class);
            assertInstanceOf(SecretsManagerConnectorSettings.class, settings);
            assertSame(settings, ctx.getBean(ConnectorSettings.class));
            assertEquals(0, fake.reads(WAVE_SECRET), "nothing read when the bean is created");

            assertEquals(API_KEY, settings.of("wave").orElseThrow().get("apiKey"));
            assertEquals(1, fake.reads(WAVE_SECRET));
            assertEquals(Optional.empty(), settings.of("mtn-momo"), "its secret does not exist");
            assertEquals(1, fake.reads("cauri/live/mtn-momo"));
            assertEquals(Optional.empty(), settings.of("fedapay"), "a blank secret id: no settings, nothing read");
            assertEquals(0, fake.reads(""));
        }
    }

    private static String captured(Runnable run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(capture);
        System.setErr(capture);
        try {
            run.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String log = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(log);
        return log;
    }
}
