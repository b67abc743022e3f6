package io.cauri.sdk;

import com.sun.net.httpserver.HttpServer;
import io.cauri.localapi.LocalApi;
import io.cauri.localapi.Options;
import io.cauri.sdk.model.Hub2AttemptPaymentRequest;
import io.cauri.sdk.model.Hub2AuthenticationRequest;
import io.cauri.sdk.model.Hub2CreatePaymentIntentRequest;
import io.cauri.sdk.model.Hub2CreateWebhookRequest;
import io.cauri.sdk.model.Hub2PaymentIntent;
import io.cauri.sdk.model.Hub2RequestSchemasMobileMoney;
import io.cauri.sdk.model.Hub2Webhook;
import io.cauri.sdk.client.ApiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK end to end against a real local-api in this JVM (its functions' jars, DynamoDB Local, the webhook
 * dispatcher delivering in-process): the merchant's server creates an intent and subscribes a webhook endpoint,
 * the payer's side attempts an OTP payment and authenticates it with the intent's token only, and the signed
 * {@code payment_intent.successful} delivery is verified with the SDK's verifier.
 */
class SdkAgainstLocalApiTest {
    static final String IN_PROCESS_EVENTS = "cauri.local.events-in-process";

    @TempDir
    static Path dataDir;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty(IN_PROCESS_EVENTS, "true");
        api = LocalApi.start(new Options(0, "m_sdk", "sk_sdk_0123456789", dataDir, Path.of("../../template.yaml"), false));
    }

    @AfterAll
    static void stop() {
        System.clearProperty(IN_PROCESS_EVENTS);
        if (api != null) {
            api.close();
        }
    }

    static Cauri server() {
        return Cauri.builder().baseUrl(api.baseUrl()).apiKey("sk_sdk_0123456789").merchantId("m_sdk").build();
    }

    @Test
    void createAttemptAuthenticateAndVerifyTheWebhook() throws Exception {
        BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            Map<String, Object> delivery = new HashMap<>(exchange.getRequestHeaders());
            delivery.put("_body", exchange.getRequestBody().readAllBytes());
            received.add(delivery);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Cauri cauri = server();
            Hub2Webhook endpoint = cauri.createWebhook(new Hub2CreateWebhookRequest()
                    .url(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"))
                    .events(List.of(Hub2CreateWebhookRequest.EventsEnum.PAYMENT_INTENT_SUCCESSFUL)));
            String secret = endpoint.getSecret();
            assertNotNull(secret);

            Hub2PaymentIntent created = cauri.createIntent(new Hub2CreatePaymentIntentRequest()
                    .customerReference("cust_sdk").purchaseReference("order_sdk_1").amount(1000L)
                    .currency(Hub2CreatePaymentIntentRequest.CurrencyEnum.XOF));
            assertEquals("payment_required", created.getStatus());
            assertEquals(1000L, created.getAmount());

            // the payer's side: no API key, only the intent's token
            Cauri payer = Cauri.forIntentToken(api.baseUrl());
            Hub2PaymentIntent attempted = payer.attemptPayment(created.getId(), new Hub2AttemptPaymentRequest()
                    .token(created.getToken()).paymentMethod(Hub2AttemptPaymentRequest.PaymentMethodEnum.MOBILE_MONEY)
                    .country("CI").provider("orange").mobileMoney(new Hub2RequestSchemasMobileMoney().msisdn("00000001")));
            assertEquals("action_required", attempted.getStatus());
            assertEquals("otp", attempted.getNextAction().getType());

            Hub2PaymentIntent authenticated = payer.authenticatePayment(created.getId(),
                    new Hub2AuthenticationRequest().token(created.getToken()).confirmationCode("1234"));
            assertEquals("successful", authenticated.getStatus());
            assertEquals("successful", payer.retrieveIntent(created.getId(), created.getToken()).getStatus());

            Map<String, Object> delivery = received.poll(60, TimeUnit.SECONDS);
            assertNotNull(delivery, "no payment_intent.successful delivery within 60 s");
            byte[] body = (byte[]) delivery.remove("_body");
            Webhook.Event event = Webhook.constructEvent(body, delivery, List.of(secret), Webhook.DEFAULT_TOLERANCE, Clock.systemUTC());
            assertEquals("payment_intent.successful", event.type());
            assertEquals(created.getId(), event.data().get("id").asText());
            assertEquals("successful", event.data().get("status").asText());
            // each scheme on its own, as a HUB2 receiver or a Standard Webhooks one would check it
            Webhook.verifyHub2(body, delivery, List.of(secret));
            Webhook.verifyStandard(body, delivery, List.of(secret), Webhook.DEFAULT_TOLERANCE, java.time.Instant.now());
            String otherSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
            WebhookVerificationException forged = assertThrows(WebhookVerificationException.class, () ->
                    Webhook.constructEvent(body, delivery, List.of(otherSecret), Webhook.DEFAULT_TOLERANCE, Clock.systemUTC()));
            assertEquals(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE, forged.reason());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aRefusalReachesTheCallerAsTheApisErrorAndIsNotRetried() {
        ApiException e = assertThrows(ApiException.class, () -> server().createIntent(new Hub2CreatePaymentIntentRequest()
                .customerReference("cust_sdk").purchaseReference("order_sdk_2").amount(-5L)
                .currency(Hub2CreatePaymentIntentRequest.CurrencyEnum.XOF)));
        assertEquals(400, e.getCode());
        assertTrue(e.getResponseBody().contains("\"param\":\"amount\""), e.getResponseBody());
    }

    @Test
    void aRepeatedCreateWithTheSameIdempotencyKeyGetsTheSameIntent() throws Exception {
        Cauri cauri = server();
        Hub2CreatePaymentIntentRequest request = new Hub2CreatePaymentIntentRequest().customerReference("cust_sdk")
                .purchaseReference("order_sdk_3").amount(2500L).currency(Hub2CreatePaymentIntentRequest.CurrencyEnum.XOF);
        Hub2PaymentIntent first = cauri.paymentIntents().hub2CreateIntent(cauri.merchantId(), cauri.environment(), request, "order_sdk_3");
        Hub2PaymentIntent again = cauri.paymentIntents().hub2CreateIntent(cauri.merchantId(), cauri.environment(), request, "order_sdk_3");
        assertEquals(first.getId(), again.getId());
    }
}
