package io.cauri.aws;

import io.cauri.sealing.AesGcm;
import io.cauri.testing.MovableClock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KMS adapter through the real SDK client against a small stand-in of KMS's JSON API on 127.0.0.1
 * (GenerateDataKey, Decrypt; no KMS emulator is available here): envelope format, encryption context,
 * data-key cache (bounded by a TTL, forgotten on a SnapStart restore).
 */
class KmsEncryptionKeyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] MASTER = random(32);
    static final AtomicInteger decrypts = new AtomicInteger();
    /** The key disabled in KMS (or its grant revoked): every Decrypt is refused. */
    static volatile boolean disabled;
    static HttpServer kms;
    static KmsClient client;

    @BeforeAll
    static void start() throws Exception {
        kms = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        kms.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String context = request.path("EncryptionContext").path("context").asText();
            ObjectNode answer = JSON.createObjectNode().put("KeyId", request.path("KeyId").asText());
            int status = 200;
            try {
                if (target.endsWith("GenerateDataKey")) {
                    byte[] dataKey = random(32);
                    answer.put("Plaintext", Base64.getEncoder().encodeToString(dataKey));
                    answer.put("CiphertextBlob", Base64.getEncoder().encodeToString(AesGcm.encrypt(MASTER, dataKey, context)));
                } else if (target.endsWith("Decrypt") && disabled) {
                    status = 400;
                    answer = JSON.createObjectNode().put("__type", "DisabledException").put("message", "key disabled");
                } else if (target.endsWith("Decrypt")) {
                    decrypts.incrementAndGet();
                    byte[] blob = Base64.getDecoder().decode(request.path("CiphertextBlob").asText());
                    answer.put("Plaintext", Base64.getEncoder().encodeToString(AesGcm.decrypt(MASTER, blob, context)));
                } else {
                    status = 400;
                }
            } catch (IllegalStateException wrongContext) {
                status = 400;
                answer = JSON.createObjectNode().put("__type", "InvalidCiphertextException").put("message", "invalid");
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        kms.start();
        client = KmsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + kms.getAddress().getPort()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        kms.stop(0);
    }

    @Test
    void envelopeEncryptionWithTheContextAndACachedDataKey() {
        KmsEncryptionKey key = new KmsEncryptionKey(client, "alias/cauri-webhooks");
        byte[] secret = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0".getBytes(StandardCharsets.UTF_8);
        String sealed = key.seal(secret, "webhook:m_1:live:wh_1");
        assertTrue(sealed.startsWith("kms1.") && sealed.split("\\.").length == 3, sealed);

        int before = decrypts.get();
        assertArrayEquals(secret, key.open(sealed, "webhook:m_1:live:wh_1"));
        assertArrayEquals(secret, key.open(sealed, "webhook:m_1:live:wh_1"));
        assertEquals(before + 1, decrypts.get(), "the data key is decrypted once per container");

        assertThrows(RuntimeException.class, () -> key.open(sealed, "webhook:m_2:live:wh_1"));
        assertThrows(IllegalStateException.class, () -> key.open("local1.abc", "webhook:m_1:live:wh_1"));
    }

    @Test
    void decryptedDataKeysAreKeptAtMostTheTtlAndForgottenOnARestore() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-06T09:00:00Z"));
        KmsEncryptionKey key = new KmsEncryptionKey(client, "alias/cauri-webhooks", Duration.ofMinutes(5), clock);
        byte[] secret = "whsec_dGhlLXNlY3JldC10aGUtc2VjcmV0LXRoZQ".getBytes(StandardCharsets.UTF_8);
        String sealed = key.seal(secret, "webhook:m_1:live:wh_2");

        int before = decrypts.get();
        assertArrayEquals(secret, key.open(sealed, "webhook:m_1:live:wh_2"));
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertArrayEquals(secret, key.open(sealed, "webhook:m_1:live:wh_2"));
        assertEquals(before + 1, decrypts.get(), "within the TTL: the cached data key");

        clock.advance(Duration.ofSeconds(1));
        assertArrayEquals(secret, key.open(sealed, "webhook:m_1:live:wh_2"));
        assertEquals(before + 2, decrypts.get(), "after the TTL KMS is asked again (a revoked key stops working)");

        key.forget(); // what the SnapStart hook does before a snapshot and after a restore
        assertEquals(before + 2, decrypts.get(), "forgetting calls nothing");
        assertArrayEquals(secret, key.open(sealed, "webhook:m_1:live:wh_2"));
        assertEquals(before + 3, decrypts.get(), "after a restore the data key is decrypted again");
    }

    @Test
    void aKeyDisabledInKmsStopsOpeningSecretsOnceTheTtlRunsOutWithNoGrace() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-06T09:00:00Z"));
        KmsEncryptionKey key = new KmsEncryptionKey(client, "alias/cauri-webhooks", Duration.ofMinutes(5), clock);
        byte[] secret = "whsec_dGhlLXNlY3JldC10aGUtc2VjcmV0LXRoZQ".getBytes(StandardCharsets.UTF_8);
        String sealed = key.seal(secret, "webhook:m_1:live:wh_3");
        assertArrayEquals(secret, key.open(sealed, "webhook:m_1:live:wh_3"));
        disabled = true;
        try {
            clock.advance(Duration.ofMinutes(4));
            assertArrayEquals(secret, key.open(sealed, "webhook:m_1:live:wh_3"), "within the TTL: still cached");
            clock.advance(Duration.ofMinutes(1));
            assertThrows(RuntimeException.class, () -> key.open(sealed, "webhook:m_1:live:wh_3"),
                    "after the TTL a disabled key opens nothing: no grace on a revoked key");
        } finally {
            disabled = false;
        }
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
