package io.cauri.localapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 50 requests racing on one intent, over HTTP through the functions' real shaded jars (local-api), released
 * together by a latch from 50 threads: exactly one wins, every other gets 409, and the stored intent agrees
 * with the winner. Cancels (cancel-intent) race confirms (attempt-payment) across two functions, as on AWS.
 */
class RacesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RACERS = 50;
    private static final String CREATE = """
            {"customerReference":"cust_1","purchaseReference":"order_1","amount":1000,"currency":"XOF"}""";

    @TempDir
    static Path dataDir;
    static LocalApi api;
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8)).build();
    static ExecutorService racers = Executors.newFixedThreadPool(RACERS);

    @BeforeAll
    static void start() throws Exception {
        // no rate limits: all 50 racers come from 127.0.0.1 (the limits have their own tests, HttpEdgeTest)
        api = LocalApi.start(new Options(0, "m_racer", "sk_racer_0123456789", dataDir, Path.of("../template.yaml"), false));
    }

    @AfterAll
    static void stop() {
        racers.shutdownNow();
        if (api != null) {
            api.close();
        }
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).timeout(Duration.ofSeconds(60));
    }

    static HttpRequest.Builder merchant(HttpRequest.Builder b) {
        return b.header("ApiKey", api.merchant().sandboxKey()).header("MerchantId", api.merchant().merchantId())
                .header("Environment", "sandbox");
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode intent() throws Exception {
        HttpResponse<String> created = send(merchant(request("/payment-intents"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CREATE)).build());
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body());
    }

    static HttpRequest attempt(JsonNode intent, String provider, String otp) {
        String body = "{\"token\":\"" + intent.get("token").asText() + "\",\"paymentMethod\":\"mobile_money\","
                + "\"country\":\"CI\",\"provider\":\"" + provider + "\",\"mobileMoney\":{\"msisdn\":\"00000001\""
                + (otp == null ? "" : ",\"otp\":\"" + otp + "\"") + "}}";
        return request("/payment-intents/" + intent.get("id").asText() + "/payments")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static JsonNode stored(JsonNode intent) throws Exception {
        HttpResponse<String> r = send(merchant(request("/payment-intents/" + intent.get("id").asText())).GET().build());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** Sends every request at once (all threads wait on one latch); the statuses, in the requests' order. */
    static List<Integer> race(List<HttpRequest> requests) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (HttpRequest request : requests) {
            Callable<Integer> call = () -> {
                go.await();
                return send(request).statusCode();
            };
            answers.add(racers.submit(call));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        return statuses;
    }

    static Map<Integer, Integer> histogram(List<Integer> statuses) {
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    @Test
    void fiftyRacingAttemptsMakeExactlyOnePayment() throws Exception {
        JsonNode intent = intent();
        List<HttpRequest> attempts = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            attempts.add(attempt(intent, "mtn", null));
        }
        Map<Integer, Integer> outcome = histogram(race(attempts));
        System.out.println("races: 50 attempts -> " + outcome);
        assertEquals(Map.of(201, 1, 409, RACERS - 1), outcome);
        JsonNode after = stored(intent);
        assertEquals(1, after.get("payments").size());
        assertTrue(List.of("processing", "action_required", "successful").contains(after.get("status").asText()),
                after.toString());
    }

    @Test
    void fiftyRacingAuthenticationsAreAnsweredOnce() throws Exception {
        JsonNode intent = intent();
        HttpResponse<String> waiting = send(attempt(intent, "orange", null));
        assertEquals(201, waiting.statusCode(), waiting.body());
        assertEquals("otp", JSON.readTree(waiting.body()).get("nextAction").get("type").asText());
        String body = "{\"token\":\"" + intent.get("token").asText() + "\",\"confirmationCode\":\"1234\"}";
        List<HttpRequest> authentications = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            authentications.add(request("/payment-intents/" + intent.get("id").asText() + "/authentication")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }
        Map<Integer, Integer> outcome = histogram(race(authentications));
        System.out.println("races: 50 authentications -> " + outcome);
        assertEquals(Map.of(201, 1, 409, RACERS - 1), outcome);
        JsonNode after = stored(intent);
        assertEquals("successful", after.get("status").asText());
        assertEquals(1, after.get("payments").size());
        assertEquals("successful", after.get("payments").get(0).get("status").asText());
    }

    @Test
    void fiftyRacingCancelsAndConfirmsHaveOneWinner() throws Exception {
        JsonNode intent = intent();
        String id = intent.get("id").asText();
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            if (i % 2 == 0) {
                requests.add(request("/api/v1/payment-intents/" + id + "/cancel")
                        .header("Authorization", "Bearer " + api.merchant().sandboxKey())
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            } else {
                // an OTP given with the attempt: the sandbox settles it at once (successful, final)
                requests.add(attempt(intent, "orange", "1234"));
            }
        }
        List<Integer> statuses = race(requests);
        int cancels = 0;
        int confirms = 0;
        for (int i = 0; i < statuses.size(); i++) {
            int status = statuses.get(i);
            if (status / 100 == 2) {
                if (i % 2 == 0) {
                    cancels++;
                } else {
                    confirms++;
                }
            } else {
                assertEquals(409, status, "request " + i + " (" + (i % 2 == 0 ? "cancel" : "confirm") + ")");
            }
        }
        System.out.println("races: 25 cancels vs 25 confirms -> " + histogram(statuses) + ", cancel won " + cancels
                + ", confirm won " + confirms);
        assertEquals(1, cancels + confirms, "exactly one winner");
        JsonNode after = stored(intent);
        if (cancels == 1) {
            assertEquals("canceled", after.get("status").asText());
            assertEquals(0, after.get("payments").size());
        } else {
            assertEquals("successful", after.get("status").asText());
            assertEquals(1, after.get("payments").size());
        }
    }
}
