package io.cauri.attemptpayment;

import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.Fixtures;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 8 payers × 40 attempts on 8 intents through the real attempt handler, with DynamoDB Local answering too slowly
 * for a good share of calls (each call attempt gets 150 ms): every mix of routes (USSD, OTP, redirection, sync)
 * and sandbox numbers. Storage that does not answer in time is a 503 — never a 500: the SDK's timeout aborts a
 * request mid-flight, and the URLConnection client then threw a NullPointerException that escaped as one. And
 * no payment stays processing: once the provider window is over, the sweep (what expire-intents runs) settles
 * what the scheduled checks could not (their writes timed out too).
 */
class ConcurrentAttemptsTest {
    static final Duration WINDOW = Duration.ofSeconds(1);
    static LocalFunction function;
    /** The same tables with DynamoDB's normal timeouts: the sweep, and the reads that check the outcome. */
    static LocalFunction settled;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        Map<String, Object> sandbox = Map.of("cauri.sandbox.payer-delay", "20ms",
                "cauri.sandbox.otp-window", "300ms", "cauri.payments.sync-wait", "500ms",
                "cauri.payments.provider-window", WINDOW.toMillis() + "ms");
        settled = new LocalFunction(sandbox);
        Map<String, Object> slow = new java.util.HashMap<>(sandbox);
        slow.put("cauri.dynamodb.timeout", "150ms");
        function = new LocalFunction(slow);
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
        settled.close();
    }

    static String body(String token, int thread, int n) {
        String[] providers = {"mtn", "orange", "wave", "mtn"};
        String provider = providers[(thread * 7 + n) % 4];
        String number = "0000000" + (1 + (thread + n * 3) % 5);
        String otp = provider.equals("orange") && n % 2 == 0 ? ",\"otp\":\"1234\"" : "";
        return "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\""
                + provider + "\"" + otp + ",\"mobileMoney\":{\"msisdn\":\"" + number + "\"}}";
    }

    @Test
    void slowStorageIsA503NeverA500AndNoPaymentStaysProcessing() throws Exception {
        List<PaymentIntent> intents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            intents.add(Fixtures.intent(settled, merchant, Mode.SANDBOX));
        }
        List<String> tokens = intents.stream().map(i -> Fixtures.token(settled, i)).toList();
        ConcurrentLinkedQueue<Response> responses = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int n = 0; n < 40; n++) {
                    int i = (thread + n) % intents.size();
                    String path = "/payment-intents/" + intents.get(i).id() + (n % 6 == 0 ? "/payments/sync" : "/payments");
                    responses.add(function.handle(ApiGatewayEvents.post(path, body(tokens.get(i), thread, n))));
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(50, TimeUnit.SECONDS));

        Map<Integer, Integer> statuses = new TreeMap<>();
        responses.forEach(r -> statuses.merge(r.status(), 1, Integer::sum));
        System.out.println("attempts under slow storage: " + statuses);
        for (Response r : responses) {
            assertTrue(Set.of(201, 400, 409, 503).contains(r.status()), r.status() + " " + r.body());
            if (r.status() == 503) {
                assertEquals("service_unavailable", r.json().get("code").asText());
            }
        }

        Thread.sleep(WINDOW.plusMillis(500).toMillis());
        PaymentOutcomes.SettlingSweep sweep = settled.context().getBean(PaymentOutcomes.class).settleOverdue(WINDOW, 100);
        System.out.println("settling sweep after the load: " + sweep);
        IntentRepository repository = settled.context().getBean(IntentRepository.class);
        for (PaymentIntent intent : intents) {
            assertTrue(repository.find(intent.id()).orElseThrow().status() != IntentStatus.PROCESSING,
                    intent.id() + " still processing");
        }
    }
}
