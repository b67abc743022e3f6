package io.cauri.connector.mtn;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentStatus;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderRequest;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector against the MTN MoMo simulator on 127.0.0.1: real HTTP both ways, nothing mocked.
 */
class MtnMomoGatewayTest {
    private static final MtnMomoSimulator.Credentials CREDENTIALS = new MtnMomoSimulator.Credentials(
            "subkey-5f0c2d7e91", "0b7d1c9e-4a5f-4e21-8c3d-2f6a9b1e7d40", "apikey-a93be4471c");
    private static final Duration PAYER_DELAY = Duration.ofMillis(300);
    private static final String SUCCEEDS = "23423423450";

    private final List<MtnMomoSimulator> simulators = new ArrayList<>();

    @AfterEach
    void stop() {
        simulators.forEach(MtnMomoSimulator::close);
    }

    private MtnMomoSimulator simulator(MtnMomoSimulator.Settings settings) throws IOException {
        MtnMomoSimulator simulator = MtnMomoSimulator.start(settings, 0);
        simulators.add(simulator);
        return simulator;
    }

    private MtnMomoSimulator simulator() throws IOException {
        return simulator(MtnMomoSimulator.Settings.defaults(CREDENTIALS).withPayerDelay(PAYER_DELAY));
    }

    private static MtnMomoConfig config(String baseUrl, MtnMomoSimulator.Credentials credentials) {
        return new MtnMomoConfig(baseUrl, credentials.subscriptionKey(), credentials.apiUser(), credentials.apiKey(),
                "sandbox", "EUR", null);
    }

    private static MtnMomoGateway gateway(MtnMomoSimulator simulator) {
        return gateway(simulator, MtnMomoTimings.defaults());
    }

    private static MtnMomoGateway gateway(MtnMomoSimulator simulator, MtnMomoTimings timings) {
        return new MtnMomoGateway(config(simulator.baseUrl(), CREDENTIALS), timings, Clock.systemUTC());
    }

    private static Payment payment(String number) {
        Instant now = Instant.now();
        return new Payment(Ids.next(Ids.PAYMENT), Ids.next("pi_"), now, now, PaymentStatus.PROCESSING, 1500,
                Currency.XOF, "mobile_money", "CI", "mtn", number, null, List.of(), null, null, null, null, null);
    }

    private static ProviderRequest request(Payment payment) {
        return new ProviderRequest(null, payment, null);
    }

    private static ProviderAnswer statusAfter(MtnMomoGateway gateway, Payment payment, Duration wait)
            throws InterruptedException {
        Thread.sleep(wait.toMillis());
        return gateway.status(payment);
    }

    @Test
    void aPayerWhoApprovesIsAskedOnThePhoneThenSucceeds() throws Exception {
        MtnMomoSimulator simulator = simulator();
        MtnMomoGateway gateway = gateway(simulator);
        Payment payment = payment("+" + SUCCEEDS);

        ProviderAnswer first = gateway.initiate(request(payment));

        ProviderAnswer.ActionRequired action = assertInstanceOf(ProviderAnswer.ActionRequired.class, first);
        assertEquals(NextAction.Type.USSD, action.action().type());
        assertTrue(action.action().message().contains("1500 XOF"), action.action().message());
        assertEquals(ReferenceIds.of(payment.id()), action.providerReference());
        assertInstanceOf(ProviderAnswer.Pending.class, gateway.status(payment), "pending during the payer delay");
        assertEquals(new ProviderAnswer.Succeeded(action.providerReference()),
                statusAfter(gateway, payment, PAYER_DELAY.plusMillis(100)));
        assertEquals(1, simulator.acceptedRequestsFor(payment.id()));
    }

    @Test
    void theReferenceIdIsSavedBeforeTheRequestToPayIsSent() throws Exception {
        MtnMomoSimulator simulator = simulator();
        MtnMomoGateway gateway = gateway(simulator);
        Payment payment = payment(SUCCEEDS);
        List<String> saved = new ArrayList<>();
        List<Integer> postsWhenSaved = new ArrayList<>();

        ProviderAnswer first = gateway.initiate(request(payment), reference -> {
            saved.add(reference);
            postsWhenSaved.add(simulator.requestToPayPosts(reference));
        });

        assertEquals(List.of(ReferenceIds.of(payment.id())), saved);
        assertEquals(List.of(0), postsWhenSaved, "saved before the request to pay was sent");
        assertEquals(saved.get(0), assertInstanceOf(ProviderAnswer.ActionRequired.class, first).providerReference());
        assertEquals(1, simulator.acceptedRequestsFor(payment.id()));
    }

    @Test
    void aReferenceThatCannotBeSavedSendsNothingAndItsStatusFailsAsNeverReceivedAfterTheGrace() throws Exception {
        MtnMomoSimulator simulator = simulator();
        Duration grace = Duration.ofMillis(500);
        MtnMomoGateway gateway = gateway(simulator, MtnMomoTimings.defaults().withNotFoundGrace(grace));
        Payment payment = payment(SUCCEEDS);

        assertThrows(IllegalStateException.class, () -> gateway.initiate(request(payment), reference -> {
            throw new IllegalStateException("storage down");
        }));

        assertEquals(0, simulator.requestToPayPosts(ReferenceIds.of(payment.id())));
        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class,
                statusAfter(gateway, payment, grace.plusMillis(100)));
        assertEquals(FailureCode.SERVICE_UNAVAILABLE, failed.code());
    }

    @Test
    void mtnCallsBackTheConfiguredUrlNamingThePayment() throws Exception {
        MtnMomoSimulator simulator = simulator();
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 8);
        receiver.createContext("/providers/mtn", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            MtnMomoGateway gateway = new MtnMomoGateway(new MtnMomoConfig(simulator.baseUrl(),
                    CREDENTIALS.subscriptionKey(), CREDENTIALS.apiUser(), CREDENTIALS.apiKey(), "sandbox", "EUR",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/providers/mtn/{paymentId}"));
            Payment payment = payment(SUCCEEDS);
            gateway.initiate(request(payment));
            Thread.sleep(PAYER_DELAY.plusMillis(500).toMillis());

            assertEquals(1, received.size(), received.toString());
            String callback = received.get(0);
            assertTrue(callback.startsWith("PUT /providers/mtn/" + payment.id() + " {"), callback);
            assertTrue(callback.contains("\"externalId\":\"" + payment.id() + "\""), callback);
            assertTrue(callback.contains("\"status\":\"SUCCESSFUL\""), callback);
        } finally {
            receiver.stop(0);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "46733123450, UNKNOWN_REASON",          // INTERNAL_PROCESSING_ERROR (PayerFailed)
            "46733123451, CANCELED_BY_CUSTOMER",    // APPROVAL_REJECTED
            "46733123452, AUTHENTICATION_TIMEOUT",  // EXPIRED
            "46733123455, INVALID_MSISDN",          // PAYER_NOT_FOUND
            "46733123456, FORBIDDEN_BY_PROVIDER",   // PAYEE_NOT_ALLOWED_TO_RECEIVE
            "46733123457, FORBIDDEN_BY_PROVIDER",   // NOT_ALLOWED
            "46733123458, FORBIDDEN_BY_PROVIDER",   // NOT_ALLOWED_TARGET_ENVIRONMENT
            "46733123459, BAD_PARAMETERS",          // INVALID_CALLBACK_URL_HOST
            "46733123460, UNSUPPORTED_CURRENCY",    // INVALID_CURRENCY
            "46733123461, UNKNOWN_REASON",          // INTERNAL_PROCESSING_ERROR
            "46733123462, SERVICE_UNAVAILABLE",     // SERVICE_UNAVAILABLE
            "46733123463, AUTHENTICATION_TIMEOUT",  // COULD_NOT_PERFORM_TRANSACTION
            "46733123470, CUSTOMER_INSUFFICIENT_FUNDS", // NOT_ENOUGH_FUNDS
            "46733123471, PAYER_QUOTA_EXCEEDED",    // PAYER_LIMIT_REACHED
            "46733123472, CUSTOMER_ACCOUNT_LOCKED", // SENDER_ACCOUNT_NOT_ACTIVE
            "46733123473, CANCELED",                // TRANSACTION_CANCELED
            "46733123474, BAD_PARAMETERS",          // PAYEE_NOT_FOUND
    })
    void eachFailureReasonBecomesItsFailureCode(String number, FailureCode expected) throws Exception {
        MtnMomoSimulator simulator = simulator();
        MtnMomoGateway gateway = gateway(simulator);
        Payment payment = payment(number);

        assertInstanceOf(ProviderAnswer.ActionRequired.class, gateway.initiate(request(payment)));
        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class,
                statusAfter(gateway, payment, PAYER_DELAY.plusMillis(100)));
        assertEquals(expected, failed.code());
        assertTrue(failed.message().startsWith("MTN MoMo: "), failed.message());
    }

    @Test
    void aPayerWhoNeverAnswersStaysPending() throws Exception {
        MtnMomoSimulator simulator = simulator();
        MtnMomoGateway gateway = gateway(simulator);
        Payment ongoing = payment("46733123453");
        Payment delayed = payment("46733123454");

        assertInstanceOf(ProviderAnswer.ActionRequired.class, gateway.initiate(request(ongoing)));
        assertInstanceOf(ProviderAnswer.ActionRequired.class, gateway.initiate(request(delayed)));

        assertInstanceOf(ProviderAnswer.Pending.class, statusAfter(gateway, ongoing, PAYER_DELAY.multipliedBy(3)));
        assertInstanceOf(ProviderAnswer.Pending.class, gateway.status(delayed));
    }

    @Test
    void a5xxAfterMtnTookTheRequestIsUnknownAndAskingAgainMakesNoSecondDebit() throws Exception {
        MtnMomoSimulator simulator = simulator();
        MtnMomoGateway gateway = gateway(simulator);
        Payment payment = payment(SUCCEEDS);
        simulator.faults().failInitiates(1, 500, true);

        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> gateway.initiate(request(payment)),
                "a 5xx is not a failure: MTN may have taken the request");

        // the same payment asked again (a retry): same reference id, MTN answers 409, no second debit request
        ProviderAnswer again = gateway.initiate(request(payment));
        assertInstanceOf(ProviderAnswer.ActionRequired.class, again);
        String reference = ReferenceIds.of(payment.id());
        assertEquals(2, simulator.requestToPayPosts(reference), "both requests named the same reference id");
        assertEquals(1, simulator.acceptedRequestsFor(payment.id()), "one debit request, not two");
        assertEquals(new ProviderAnswer.Succeeded(reference), statusAfter(gateway, payment, PAYER_DELAY.plusMillis(100)));
    }

    @Test
    void a5xxBeforeMtnTookTheRequestStaysUnknownUntilTheGraceThenFailsAsNeverReceived() throws Exception {
        MtnMomoSimulator simulator = simulator();
        Duration grace = Duration.ofMillis(500);
        MtnMomoGateway gateway = gateway(simulator, MtnMomoTimings.defaults().withNotFoundGrace(grace));
        Payment payment = payment(SUCCEEDS);
        simulator.faults().failInitiates(1, 503, false);

        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> gateway.initiate(request(payment)));
        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> gateway.status(payment),
                "a 404 right after the request may be a request MTN is still recording");

        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class, statusAfter(gateway, payment, grace));
        assertEquals(FailureCode.SERVICE_UNAVAILABLE, failed.code());
        assertEquals(0, simulator.acceptedRequestsFor(payment.id()));
    }

    @Test
    void aTimeoutAfterSendingIsUnknownAndAskingAgainMakesNoSecondDebit() throws Exception {
        Duration payerDelay = Duration.ofSeconds(1); // the payer has not answered yet when the payment is asked again
        MtnMomoSimulator simulator = simulator(MtnMomoSimulator.Settings.defaults(CREDENTIALS).withPayerDelay(payerDelay));
        MtnMomoGateway gateway = gateway(simulator, MtnMomoTimings.defaults().withRequest(Duration.ofMillis(300)));
        Payment payment = payment(SUCCEEDS);
        simulator.faults().delayInitiates(Duration.ofMillis(1500));

        MtnMomoException.OutcomeUnknown unknown = assertThrows(MtnMomoException.OutcomeUnknown.class,
                () -> gateway.initiate(request(payment)));
        assertTrue(unknown.getMessage().contains("HttpTimeoutException"), unknown.getMessage());
        simulator.faults().reset();

        assertInstanceOf(ProviderAnswer.ActionRequired.class, gateway.initiate(request(payment)));
        assertEquals(2, simulator.requestToPayPosts(ReferenceIds.of(payment.id())));
        assertEquals(1, simulator.acceptedRequestsFor(payment.id()), "one debit request, not two");
        assertInstanceOf(ProviderAnswer.Succeeded.class, statusAfter(gateway, payment, payerDelay));
    }

    @Test
    void aReasonSentAsAnObjectIsReadToo() throws Exception {
        MtnMomoSimulator simulator = simulator();
        simulator.faults().reasonAsObject(true);
        MtnMomoGateway gateway = gateway(simulator);
        Payment payment = payment("46733123470");

        gateway.initiate(request(payment));
        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class,
                statusAfter(gateway, payment, PAYER_DELAY.plusMillis(100)));
        assertEquals(FailureCode.CUSTOMER_INSUFFICIENT_FUNDS, failed.code());
    }

    @Test
    void aStatusThatCannotBeReadIsUnknownNeverFailed() throws Exception {
        MtnMomoSimulator simulator = simulator();
        MtnMomoGateway gateway = gateway(simulator, MtnMomoTimings.defaults().withRequest(Duration.ofMillis(300)));
        Payment payment = payment("46733123470");
        gateway.initiate(request(payment));
        Thread.sleep(PAYER_DELAY.plusMillis(100).toMillis());

        simulator.faults().failStatusReads(1, 500, "{\"code\":\"INTERNAL_PROCESSING_ERROR\"}");
        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> gateway.status(payment), "5xx");
        simulator.faults().failStatusReads(1, 200, "<html>maintenance</html>");
        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> gateway.status(payment), "not JSON");
        simulator.faults().failStatusReads(1, 200, "{\"status\":\"REJECTED\"}");
        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> gateway.status(payment), "unknown status");
        simulator.faults().failStatusReads(1, 200, "{\"amount\":\"1500\"}");
        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> gateway.status(payment), "no status");
        simulator.faults().delayStatusReads(Duration.ofMillis(800));
        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> gateway.status(payment), "timeout");
        simulator.faults().reset();

        assertEquals(FailureCode.CUSTOMER_INSUFFICIENT_FUNDS,
                assertInstanceOf(ProviderAnswer.Failed.class, gateway.status(payment)).code());
    }

    /**
     * A connection MTN's side closes after the request to pay was sent, without an answer. The peer is a raw
     * socket (the simulator cannot drop a connection mid-exchange): it grants a token, then hangs up on the
     * request to pay once its headers are in.
     */
    @Test
    void aConnectionClosedAfterTheRequestWasSentIsUnknown() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Thread thread = new Thread(() -> hangUpAfterRequests(peer));
            thread.setDaemon(true);
            thread.start();
            MtnMomoGateway gateway = new MtnMomoGateway(config("http://127.0.0.1:" + peer.getLocalPort(), CREDENTIALS));

            MtnMomoException.OutcomeUnknown unknown = assertThrows(MtnMomoException.OutcomeUnknown.class,
                    () -> gateway.initiate(request(payment(SUCCEEDS))));
            assertTrue(unknown.getMessage().contains("sent, no answer"), unknown.getMessage());
        }
    }

    private static void hangUpAfterRequests(ServerSocket peer) {
        while (!peer.isClosed()) {
            try (java.net.Socket socket = peer.accept()) {
                java.io.InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int c = in.read();
                    if (c < 0) {
                        break;
                    }
                    head.append((char) c);
                }
                if (head.toString().startsWith("POST /collection/token/")) {
                    String body = "{\"access_token\":\"t0k3n\",\"token_type\":\"access_token\",\"expires_in\":3600}";
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII));
                }
                // anything else: closed unanswered
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Test
    void aRefusedConnectionFailsAtOnceBecauseNothingWasSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MtnMomoGateway gateway = new MtnMomoGateway(config("http://127.0.0.1:" + closedPort, CREDENTIALS));

        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class,
                gateway.initiate(request(payment(SUCCEEDS))));
        assertEquals(FailureCode.SERVICE_UNAVAILABLE, failed.code());
        assertTrue(failed.message().contains("no payment request was sent"), failed.message());

        assertThrows(MtnMomoException.class, () -> gateway.status(payment(SUCCEEDS)),
                "a status that cannot be read is not an answer");
    }

    @Test
    void twentyConcurrentRequestsShareOneTokenAndAnExpiredTokenIsRenewedOnce() throws Exception {
        MtnMomoSimulator simulator = simulator();
        simulator.faults().delayTokens(Duration.ofMillis(200)) // a slow token answer widens the race
                .tokenLifetime(Duration.ofSeconds(3));
        MtnMomoGateway gateway = gateway(simulator);

        assertTrue(concurrently(gateway, 20).stream().allMatch(ProviderAnswer.ActionRequired.class::isInstance));
        assertEquals(1, simulator.tokenRequests(), "one token for twenty requests");

        Thread.sleep(3_000); // past expires_in (renewed a fifth of its life early)
        simulator.faults().tokenLifetime(Duration.ofHours(1)); // the next token outlives the rest of the test
        assertTrue(concurrently(gateway, 20).stream().allMatch(ProviderAnswer.ActionRequired.class::isInstance));
        assertEquals(2, simulator.tokenRequests(), "renewed once after expiry, not per request");

        simulator.expireTokens(); // MTN ends the token before expires_in: each request gets 401 once
        assertTrue(concurrently(gateway, 20).stream().allMatch(ProviderAnswer.ActionRequired.class::isInstance));
        assertEquals(3, simulator.tokenRequests(), "renewed once after the 401s, not per request");
    }

    private static List<ProviderAnswer> concurrently(MtnMomoGateway gateway, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ProviderAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Payment payment = payment(SUCCEEDS);
                Callable<ProviderAnswer> call = () -> {
                    start.await();
                    return gateway.initiate(request(payment));
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<ProviderAnswer> result = new ArrayList<>();
            for (Future<ProviderAnswer> answer : answers) {
                result.add(answer.get());
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongCredentialsAreAClearErrorAndNoDebitRequestIsSent() throws Exception {
        MtnMomoSimulator simulator = simulator();
        MtnMomoSimulator.Credentials wrong = new MtnMomoSimulator.Credentials(CREDENTIALS.subscriptionKey(),
                CREDENTIALS.apiUser(), "apikey-wrong-0000");
        MtnMomoGateway gateway = new MtnMomoGateway(config(simulator.baseUrl(), wrong));
        Payment payment = payment(SUCCEEDS);

        MtnMomoException.CredentialsRefused refused = assertThrows(MtnMomoException.CredentialsRefused.class,
                gateway::checkCredentials);
        assertTrue(refused.getMessage().contains("refused the platform credentials"), refused.getMessage());

        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class, gateway.initiate(request(payment)));
        assertEquals(FailureCode.INTERNAL_ERROR, failed.code());
        assertTrue(failed.message().contains("no payment request was sent"), failed.message());
        assertEquals(0, simulator.requestToPayPosts(ReferenceIds.of(payment.id())));

        assertThrows(MtnMomoException.CredentialsRefused.class, () -> gateway.status(payment));

        MtnMomoSimulator.Credentials wrongKey = new MtnMomoSimulator.Credentials("subkey-wrong-0000",
                CREDENTIALS.apiUser(), CREDENTIALS.apiKey());
        assertThrows(MtnMomoException.CredentialsRefused.class,
                new MtnMomoGateway(config(simulator.baseUrl(), wrongKey))::checkCredentials);
    }

    @Test
    void secretsAreNeitherInTheConfigurationTextNorInAnyErrorMessage() throws Exception {
        MtnMomoSimulator simulator = simulator();
        MtnMomoConfig config = config(simulator.baseUrl(), CREDENTIALS);
        String basic = Base64.getEncoder().encodeToString((CREDENTIALS.apiUser() + ":" + CREDENTIALS.apiKey())
                .getBytes(StandardCharsets.UTF_8));
        List<String> texts = new ArrayList<>();
        texts.add(config.toString());
        texts.add(CREDENTIALS.toString());

        MtnMomoGateway slow = gateway(simulator, MtnMomoTimings.defaults().withRequest(Duration.ofMillis(200)));
        simulator.faults().delayInitiates(Duration.ofMillis(600));
        texts.addAll(messages(assertThrows(RuntimeException.class, () -> slow.initiate(request(payment(SUCCEEDS))))));
        simulator.faults().reset();
        simulator.faults().failInitiates(1, 500, false);
        texts.addAll(messages(assertThrows(RuntimeException.class, () -> slow.initiate(request(payment(SUCCEEDS))))));
        MtnMomoGateway refused = new MtnMomoGateway(config(simulator.baseUrl(),
                new MtnMomoSimulator.Credentials(CREDENTIALS.subscriptionKey(), CREDENTIALS.apiUser(), "apikey-x")));
        texts.addAll(messages(assertThrows(RuntimeException.class, refused::checkCredentials)));
        texts.add(((ProviderAnswer.Failed) refused.initiate(request(payment(SUCCEEDS)))).message());

        for (String text : texts) {
            for (String secret : List.of(CREDENTIALS.subscriptionKey(), CREDENTIALS.apiUser(), CREDENTIALS.apiKey(),
                    "apikey-x", basic)) {
                assertFalse(text.contains(secret), "a secret in: " + text);
            }
        }
        assertTrue(config.toString().contains("redacted"), config.toString());
    }

    private static List<String> messages(Throwable thrown) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            messages.add(t.toString());
        }
        return messages;
    }

    @Test
    void productionTakesOnlyTheEnvironmentsCurrencyAndSendsTheAmountAsDigits() throws Exception {
        MtnMomoSimulator simulator = simulator(MtnMomoSimulator.Settings.defaults(CREDENTIALS)
                .withTargetEnvironment("mtnivorycoast").withCurrency("XOF").withPayerDelay(Duration.ZERO));
        MtnMomoGateway gateway = new MtnMomoGateway(new MtnMomoConfig(simulator.baseUrl(),
                CREDENTIALS.subscriptionKey(), CREDENTIALS.apiUser(), CREDENTIALS.apiKey(), "mtnivorycoast", "XOF",
                null));
        Payment xof = payment("2250701020304");
        assertInstanceOf(ProviderAnswer.ActionRequired.class, gateway.initiate(request(xof)),
                "the simulator refuses (400) anything but a string of digits in XOF");
        assertInstanceOf(ProviderAnswer.Succeeded.class, gateway.status(xof));

        Instant now = Instant.now();
        Payment xaf = new Payment(Ids.next(Ids.PAYMENT), "pi_x", now, now, PaymentStatus.PROCESSING, 500, Currency.XAF,
                "mobile_money", "CM", "mtn", "237670000000", null, List.of(), null, null, null, null, null);
        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class, gateway.initiate(request(xaf)));
        assertEquals(FailureCode.UNSUPPORTED_CURRENCY, failed.code());
        assertEquals(0, simulator.requestToPayPosts(ReferenceIds.of(xaf.id())));
    }

    @Test
    void aRequestMtnRefusesFailsWithoutDebit() throws Exception {
        // the simulator's target environment differs from the connector's: MTN answers 400, nothing is taken
        MtnMomoSimulator simulator = simulator(MtnMomoSimulator.Settings.defaults(CREDENTIALS)
                .withTargetEnvironment("mtncameroon"));
        MtnMomoGateway gateway = gateway(simulator);
        Payment payment = payment(SUCCEEDS);

        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class, gateway.initiate(request(payment)));
        assertEquals(FailureCode.BAD_PARAMETERS, failed.code());
        assertTrue(failed.message().contains("HTTP 400"), failed.message());
        assertEquals(0, simulator.acceptedRequestsFor(payment.id()));
    }

    @Test
    void theReferenceIdIsAVersion4UuidDerivedFromThePaymentId() {
        String a = ReferenceIds.of("pay_abc");
        assertEquals(a, ReferenceIds.of("pay_abc"));
        assertFalse(a.equals(ReferenceIds.of("pay_abd")));
        java.util.UUID uuid = java.util.UUID.fromString(a);
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
    }

    @Test
    void theBaseUrlIsHttpsOrLoopback() {
        assertThrows(IllegalArgumentException.class, () -> config("http://momo.example.com", CREDENTIALS));
        assertThrows(IllegalArgumentException.class, () -> config("https://user:pw@momo.example.com", CREDENTIALS));
        assertThrows(IllegalArgumentException.class, () -> config("https://momo.example.com/?x=1", CREDENTIALS));
        assertEquals("https://proxy.momoapi.mtn.com", config("https://proxy.momoapi.mtn.com/", CREDENTIALS).baseUrl());
        assertEquals("http://127.0.0.1:8091", config("http://127.0.0.1:8091", CREDENTIALS).baseUrl());
    }
}
