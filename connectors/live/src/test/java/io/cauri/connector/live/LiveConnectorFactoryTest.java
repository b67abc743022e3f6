package io.cauri.connector.live;

import com.sun.net.httpserver.HttpServer;
import io.cauri.intent.Currency;
import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.provider.Connector;
import io.cauri.provider.ConnectorUnavailableException;
import io.cauri.provider.Connectors;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderGateway;
import io.cauri.provider.ProviderRequest;
import io.cauri.simulator.fedapay.FedaPaySimulator;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import io.cauri.simulator.wave.WaveSimulator;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live connectors as a function's application context builds them, against the simulators on 127.0.0.1. */
class LiveConnectorFactoryTest {
    private static final MtnMomoSimulator.Credentials MTN = new MtnMomoSimulator.Credentials("sub-key-SECRET",
            "9f6c1c5e-1b1e-4b39-9d44-3c1f2b8f6a10", "api-key-SECRET");

    @Test
    void noConnectorUnlessEnabled() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "cauri.connectors.wave.apiKey", "wave_sn_prod_x", "cauri.connectors.wave.baseUrl", "https://api.wave.com",
                "cauri.connectors.wave.webhookSecret", "whs"))) {
            assertTrue(ctx.getBeansOfType(Connector.class).isEmpty());
            assertEquals(Set.of(), ctx.getBean(Connectors.class).names());
        }
    }

    @Test
    void oneBeanPerEnabledConnectorAndNoSettingReadAtStart() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("test.counting-settings", "true",
                LiveConnectorFactory.ENABLED, " wave , fedapay"))) {
            int adapters = CountingSettings.INSTANCES.get();
            Connectors connectors = ctx.getBean(Connectors.class);
            assertEquals(Set.of("wave", "fedapay"), connectors.names());
            assertEquals(adapters, CountingSettings.INSTANCES.get(), "the settings adapter is not even created at init");
            assertEquals(0, ctx.getBean(CountingSettings.class).reads.get(), "settings read at init");
        }
    }

    @Test
    void aMisspeltConnectorStopsTheStart() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> ApplicationContext.run(Map.of(LiveConnectorFactory.ENABLED, "mtn-momo,wav")).close());
        assertTrue(String.valueOf(rootCause(e).getMessage()).contains("unknown connector \"wav\""), rootCause(e).toString());
    }

    @Test
    void mtnIsBuiltOnceFromItsSettingsCallsBackUnderThePublicBaseUrlAndIsRebuiltAfterARestore() throws Exception {
        BlockingQueue<String> callbacks = new LinkedBlockingQueue<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            callbacks.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        api.start();
        try (MtnMomoSimulator mtn = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(MTN)
                .withPayerDelay(Duration.ofMillis(200)), 0);
             ApplicationContext ctx = ApplicationContext.run(mtnProperties(mtn, "http://127.0.0.1:" + api.getAddress().getPort() + "/"))) {
            LazyGateway gateway = (LazyGateway) live(ctx, "mtn-momo");
            CountingSettings settings = ctx.getBean(CountingSettings.class);
            assertFalse(gateway.isBuilt());

            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ProviderAnswer>> answers = new ArrayList<>();
            List<Payment> payments = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Payment payment = payment("pay_mtnlive" + i, "CI", "mtn", "4673312349" + i, null, null);
                payments.add(payment);
                answers.add(pool.submit(() -> {
                    go.await();
                    return gateway.initiate(request(payment));
                }));
            }
            go.countDown();
            for (Future<ProviderAnswer> answer : answers) {
                ProviderAnswer.ActionRequired required = assertInstanceOf(ProviderAnswer.ActionRequired.class,
                        answer.get(20, TimeUnit.SECONDS));
                assertEquals(NextAction.Type.USSD, required.action().type());
            }
            pool.shutdown();
            assertEquals(1, gateway.builds(), "built once for " + threads + " concurrent payments");
            assertEquals(1, mtn.tokenRequests(), "one gateway, one token cache");

            Set<String> expected = new java.util.HashSet<>();
            Set<String> received = new java.util.HashSet<>();
            for (Payment p : payments) {
                expected.add("PUT /providers/mtn-momo/events/" + p.id());
                received.add(callbacks.poll(10, TimeUnit.SECONDS));
            }
            assertEquals(expected, received, "MTN calls back under the public base URL, per payment");

            gateway.afterRestore(null);
            assertFalse(gateway.isBuilt(), "a restored snapshot keeps no gateway, no credential, no token");
            assertInstanceOf(ProviderAnswer.Succeeded.class, gateway.status(payments.get(0)));
            assertEquals(2, gateway.builds(), "built again after the restore");
            assertEquals(2, mtn.tokenRequests(), "a new token after the restore");

            // a rotated setting reaches the gateway at its next use: built again, with a new token
            assertInstanceOf(ProviderAnswer.Succeeded.class, gateway.status(payments.get(0)));
            assertEquals(2, gateway.builds(), "unchanged settings: the same gateway");
            settings.rotated.put("mtn-momo", Map.of("callbackUrl", "https://api.cauri.example/providers/mtn-momo/events/{paymentId}"));
            assertInstanceOf(ProviderAnswer.Succeeded.class, gateway.status(payments.get(0)));
            assertEquals(3, gateway.builds(), "built again from the rotated settings");
            assertEquals(3, mtn.tokenRequests(), "a new token with the rotated settings");
        } finally {
            api.stop(0);
        }
    }

    @Test
    void waveAndFedaPayTakePaymentsFromTheirSettings() throws Exception {
        try (WaveSimulator wave = WaveSimulator.start(WaveSimulator.Settings.of("wave_sn_prod_SECRET")
                .withSigningSecret("wave_sn_AKS_SECRET"), 0);
             FedaPaySimulator fedapay = FedaPaySimulator.start(FedaPaySimulator.Settings.of("sk_sandbox_SECRET"), 0)) {
            Map<String, Object> properties = new HashMap<>();
            properties.put(LiveConnectorFactory.ENABLED, "wave,fedapay");
            properties.put("cauri.connectors.wave.baseUrl", wave.baseUrl().toString());
            properties.put("cauri.connectors.wave.apiKey", "wave_sn_prod_SECRET");
            properties.put("cauri.connectors.wave.signingSecret", "wave_sn_AKS_SECRET");
            properties.put("cauri.connectors.wave.webhookSecret", "wave_sn_WHS_SECRET");
            properties.put("cauri.connectors.fedapay.baseUrl", fedapay.baseUrl().toString());
            properties.put("cauri.connectors.fedapay.secretKey", "sk_sandbox_SECRET");
            properties.put("cauri.connectors.fedapay.webhookSecret", "wh_sandbox_SECRET");
            try (ApplicationContext ctx = ApplicationContext.run(properties)) {
                ProviderAnswer.ActionRequired redirect = assertInstanceOf(ProviderAnswer.ActionRequired.class,
                        live(ctx, "wave").initiate(request(payment("pay_wavelive1", "SN", "wave", "221770000001",
                                "https://shop.example/ok", "https://shop.example/ko"))));
                assertEquals(NextAction.Type.REDIRECTION, redirect.action().type());
                assertTrue(redirect.action().data().url().startsWith(wave.baseUrl().toString()), redirect.toString());

                ProviderAnswer pushed = live(ctx, "fedapay").initiate(request(payment("pay_fedalive1", "BJ", "moov",
                        "22964000001", null, null)));
                assertFalse(pushed instanceof ProviderAnswer.Failed, pushed.toString());
                assertEquals(1, fedapay.total(FedaPaySimulator.Operation.PUSH));
            }
        }
    }

    @Test
    void withoutSettingsAnInitiateFailsAsUnavailableAndAStatusReadIsUnknown() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("test.counting-settings", "true",
                LiveConnectorFactory.ENABLED, "wave"))) {
            ProviderGateway wave = live(ctx, "wave");
            Payment payment = payment("pay_nosettings", "SN", "wave", "221770000001", "https://shop.example/ok",
                    "https://shop.example/ko");
            ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class, wave.initiate(request(payment)));
            assertEquals(FailureCode.SERVICE_UNAVAILABLE, failed.code());
            ConnectorUnavailableException unknown = assertThrows(ConnectorUnavailableException.class, () -> wave.status(payment));
            assertTrue(unknown.getMessage().contains("no settings"), unknown.getMessage());
            assertEquals(2, ctx.getBean(CountingSettings.class).reads.get(), "a failed build is not kept: read again");
        }
    }

    @Test
    void invalidSettingsAreNamedNeverQuoted() {
        String secret = "sk_live_DO_NOT_PRINT_42";
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(LiveConnectorFactory.ENABLED, "fedapay,mtn-momo",
                "cauri.connectors.fedapay.baseUrl", "http://fedapay.example", // plain http off loopback
                "cauri.connectors.fedapay.secretKey", secret, "cauri.connectors.fedapay.webhookSecret", secret,
                "cauri.connectors.mtn-momo.baseUrl", "https://" + secret + "@mtn.example",
                "cauri.connectors.mtn-momo.subscriptionKey", secret, "cauri.connectors.mtn-momo.apiUser", secret,
                "cauri.connectors.mtn-momo.apiKey", secret, "cauri.connectors.mtn-momo.targetEnvironment", "mtnivorycoast"))) {
            for (String name : List.of("fedapay", "mtn-momo")) {
                ProviderGateway gateway = live(ctx, name);
                Payment payment = payment("pay_invalid1", "BJ", "moov", "22964000001", null, null);
                ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class, gateway.initiate(request(payment)));
                assertEquals(FailureCode.SERVICE_UNAVAILABLE, failed.code());
                assertFalse(failed.message().contains(secret), failed.message());
                RuntimeException unknown = assertThrows(ConnectorUnavailableException.class, () -> gateway.status(payment));
                assertTrue(unknown.getMessage().contains("invalid"), unknown.getMessage());
                assertFalse(unknown.getMessage().contains(secret), unknown.getMessage());
                assertFalse(gateway.toString().contains(secret), gateway.toString());
            }
        }
    }

    private static Map<String, Object> mtnProperties(MtnMomoSimulator mtn, String publicBaseUrl) {
        Map<String, Object> p = new HashMap<>();
        p.put("test.counting-settings", "true");
        p.put(LiveConnectorFactory.ENABLED, "mtn-momo");
        p.put("cauri.sandbox.base-url", publicBaseUrl);
        p.put("cauri.connectors.mtn-momo.baseUrl", mtn.baseUrl());
        p.put("cauri.connectors.mtn-momo.subscriptionKey", MTN.subscriptionKey());
        p.put("cauri.connectors.mtn-momo.apiUser", MTN.apiUser());
        p.put("cauri.connectors.mtn-momo.apiKey", MTN.apiKey());
        p.put("cauri.connectors.mtn-momo.targetEnvironment", "sandbox");
        p.put("cauri.connectors.mtn-momo.currency", "EUR");
        return p;
    }

    private static ProviderGateway live(ApplicationContext ctx, String name) {
        return ctx.getBeansOfType(Connector.class).stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow().gateway();
    }

    private static Payment payment(String id, String country, String provider, String msisdn, String ok, String ko) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Payment(id, "pi_" + id, now, now, PaymentStatus.PROCESSING, 1000, Currency.XOF, "mobile_money",
                country, provider, msisdn, null, List.of(), null, null, null, ok, ko);
    }

    private static ProviderRequest request(Payment payment) {
        PaymentIntent intent = PaymentIntent.open(payment.intentId(), "m_live", Mode.LIVE, payment.createdAt(), "order",
                "customer", payment.amount(), payment.currency(), null);
        return new ProviderRequest(intent, payment, null);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
