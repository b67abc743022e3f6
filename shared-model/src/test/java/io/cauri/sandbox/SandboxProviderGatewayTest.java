package io.cauri.sandbox;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.FailureCode;
import io.cauri.intent.Fee;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentRoute;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderCoverage;
import io.cauri.provider.ProviderEvent;
import io.cauri.provider.ProviderRequest;
import io.cauri.provider.RecordingProviderEventScheduler;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cauri.provider.RecordingProviderEventScheduler.Scheduled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxProviderGatewayTest {
    static final ProviderCoverage COVERAGE = ProviderCoverage.load(JsonMapper.createDefault());
    static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");
    static final Duration PAYER = Duration.ofSeconds(3);
    static final Duration OTP_WINDOW = Duration.ofMinutes(10);
    static final Duration PROVIDER_WINDOW = Duration.ofMinutes(2);

    final RecordingProviderEventScheduler scheduler = new RecordingProviderEventScheduler();
    final SandboxProviderGateway gateway = new SandboxProviderGateway(scheduler, COVERAGE, SandboxSettings.defaults());

    static Payment payment(String method, String country, String provider, String number) {
        Fee fee = new Fee(Ids.next(""), new BigDecimal("1.5"), Fee.RateType.PERCENT, 15, Currency.XOF, "Service", List.of());
        return new Payment(Ids.next(Ids.PAYMENT), Ids.next(Ids.INTENT), NOW, NOW, PaymentStatus.PROCESSING, 1000,
                Currency.XOF, method, country, provider, number, null, List.of(fee), null, null, null, null, null);
    }

    static Payment mobileMoney(String country, String provider, String number) {
        return payment("mobile_money", country, provider, number);
    }

    static ProviderRequest request(Payment payment, String otp) {
        PaymentIntent intent = PaymentIntent.open(payment.intentId(), "m_1", Mode.SANDBOX, NOW, "p", "c",
                payment.amount(), payment.currency(), null);
        return new ProviderRequest(intent, payment, otp);
    }

    static ProviderEvent succeeded(Payment p) {
        return ProviderEvent.succeeded(p.intentId(), p.id());
    }

    static ProviderEvent failed(Payment p, FailureCode code) {
        return ProviderEvent.failed(p.intentId(), p.id(), code, SandboxProviderGateway.message(code));
    }

    static String reference(ProviderAnswer answer) {
        String ref;
        if (answer instanceof ProviderAnswer.ActionRequired a) {
            ref = a.providerReference();
        } else if (answer instanceof ProviderAnswer.Pending p) {
            ref = p.providerReference();
        } else if (answer instanceof ProviderAnswer.Succeeded s) {
            ref = s.providerReference();
        } else {
            throw new AssertionError("no reference in " + answer);
        }
        assertTrue(Ids.looksLike("sbx_", ref), ref);
        return ref;
    }

    static void assertFailed(FailureCode code, ProviderAnswer answer) {
        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class, answer);
        assertEquals(code, failed.code());
        assertNotNull(failed.message());
    }

    static NextAction action(NextAction.Type type, ProviderAnswer answer) {
        NextAction action = assertInstanceOf(ProviderAnswer.ActionRequired.class, answer).action();
        reference(answer);
        assertEquals(type, action.type());
        return action;
    }

    // ---- numbers

    @ParameterizedTest
    @CsvSource({"00000001, SUCCEEDS", "+22500000001, SUCCEEDS", "0700000002, INSUFFICIENT_FUNDS",
            "22100000003, ACCOUNT_LOCKED", "00000004, NEVER_ANSWERED", "00000005, SERVICE_UNAVAILABLE"})
    void theLastEightCharactersDecide(String number, SandboxOutcome outcome) {
        assertEquals(Optional.of(outcome), SandboxOutcome.of(number));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"00000007", "00000000", "0000001", "1", "+225 00 00 00 01", "00000001 ", "000000010",
            "0000000l"})
    void anyOtherNumberFailsAtOnceInEveryFlow(String number) {
        for (String provider : List.of("orange", "mtn", "wave")) {
            assertFailed(FailureCode.INVALID_SANDBOX_MSISDN, gateway.initiate(request(mobileMoney("CI", provider, number), null)));
            assertFailed(FailureCode.INVALID_SANDBOX_MSISDN, gateway.initiate(request(mobileMoney("CI", provider, number), "1234")));
        }
        assertEquals(List.of(), scheduler.scheduled());
    }

    // ---- USSD

    @Test
    void ussdSuccessIsConfirmedByThePayerAfterTheDelay() {
        Payment p = mobileMoney("CI", "mtn", "+22500000001");
        NextAction action = action(NextAction.Type.USSD, gateway.initiate(request(p, null)));
        assertEquals("Mode Sandbox. Confirmez le paiement de 1015 XOF sur votre téléphone.", action.message());
        assertNull(action.data());
        assertEquals(List.of(new Scheduled(succeeded(p), PAYER)), scheduler.scheduled());
    }

    @ParameterizedTest
    @CsvSource({"00000002, CUSTOMER_INSUFFICIENT_FUNDS", "00000003, CUSTOMER_ACCOUNT_LOCKED",
            "00000005, SERVICE_UNAVAILABLE"})
    void ussdFailuresArriveAfterTheDelay(String number, FailureCode code) {
        Payment p = mobileMoney("SN", "free", number);
        action(NextAction.Type.USSD, gateway.initiate(request(p, null)));
        assertEquals(List.of(new Scheduled(failed(p, code), PAYER)), scheduler.scheduled());
    }

    @Test
    void ussdNeverAnsweredTimesOutWhenTheProviderWindowEnds() {
        Payment p = mobileMoney("GA", "airtel", "00000004");
        action(NextAction.Type.USSD, gateway.initiate(request(p, null)));
        assertEquals(List.of(new Scheduled(failed(p, FailureCode.TIMEOUT), PROVIDER_WINDOW)), scheduler.scheduled());
    }

    @Test
    void anOtpGivenToAUssdProviderIsIgnored() {
        Payment p = mobileMoney("CI", "moov", "00000001");
        action(NextAction.Type.USSD, gateway.initiate(request(p, "1234")));
        assertEquals(List.of(new Scheduled(succeeded(p), PAYER)), scheduler.scheduled());
    }

    // ---- OTP

    @ParameterizedTest
    @ValueSource(strings = {"00000001", "00000002", "00000003", "00000004", "00000005", "00000006"})
    void otpAsksForACodeAndTimesOutIfStillWaiting(String number) {
        Payment p = mobileMoney("CI", "orange", number);
        NextAction action = action(NextAction.Type.OTP, gateway.initiate(request(p, null)));
        assertEquals("Mode Sandbox. Entrez un numéro à 4 chiffres pour authentifier le paiement.", action.message());
        assertNull(action.data());
        assertEquals(List.of(new Scheduled(failed(p, FailureCode.AUTHENTICATION_TIMEOUT)
                .onlyIf(PaymentStatus.ACTION_REQUIRED), OTP_WINDOW)), scheduler.scheduled());
    }

    @Test
    void aBlankOtpInTheAttemptIsNoOtp() {
        Payment p = mobileMoney("CI", "orange", "00000001");
        action(NextAction.Type.OTP, gateway.initiate(request(p, " ")));
        assertEquals(1, scheduler.scheduled().size());
    }

    /** The same answers whether the code comes with the attempt (step skipped) or through authenticate. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aValidCodeGivesTheNumbersOutcome(boolean withTheAttempt) {
        for (SandboxOutcome outcome : SandboxOutcome.values()) {
            scheduler.clear();
            Payment p = mobileMoney("BF", "orange", "226" + outcome.suffix());
            ProviderAnswer answer = withTheAttempt ? gateway.initiate(request(p, "1234")) : gateway.authenticate(p, "1234");
            switch (outcome) {
                case SUCCEEDS -> {
                    reference(assertInstanceOf(ProviderAnswer.Succeeded.class, answer));
                    assertEquals(List.of(), scheduler.scheduled());
                }
                case NEVER_ANSWERED -> {
                    // pending, with no timeout of its own: the payment's reconciliation asks status() at the
                    // end of the provider window
                    reference(assertInstanceOf(ProviderAnswer.Pending.class, answer));
                    assertEquals(List.of(), scheduler.scheduled());
                }
                default -> {
                    assertFailed(outcome.failure(), answer);
                    assertEquals(List.of(), scheduler.scheduled());
                }
            }
        }
    }

    // ---- status (the reconciliation's question)

    static Payment processingSince(String provider, String number, Instant since) {
        Payment p = mobileMoney("CI", provider, number);
        return new Payment(p.id(), p.intentId(), since, since, PaymentStatus.PROCESSING, p.amount(), p.currency(),
                p.method(), p.country(), p.provider(), p.number(), null, p.fees(), null, "sbx_ref", null, null, null);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void statusOfAProcessingPaymentIsTheNumbersOutcome(boolean windowOver) {
        java.time.Clock clock = java.time.Clock.fixed(windowOver ? NOW.plus(PROVIDER_WINDOW) : NOW.plusSeconds(5),
                java.time.ZoneOffset.UTC);
        SandboxProviderGateway at = new SandboxProviderGateway(scheduler, COVERAGE, SandboxSettings.defaults(), clock);
        for (SandboxOutcome outcome : SandboxOutcome.values()) {
            ProviderAnswer answer = at.status(processingSince("orange", outcome.suffix(), NOW));
            switch (outcome) {
                case SUCCEEDS -> assertEquals(new ProviderAnswer.Succeeded("sbx_ref"), answer);
                // never settled by the provider: pending inside the window, its own expiry after
                case NEVER_ANSWERED -> assertEquals(windowOver ? new ProviderAnswer.Failed(FailureCode.TIMEOUT,
                        SandboxProviderGateway.message(FailureCode.TIMEOUT)) : new ProviderAnswer.Pending("sbx_ref"), answer);
                default -> assertFailed(outcome.failure(), answer);
            }
        }
        assertFailed(FailureCode.INVALID_SANDBOX_MSISDN, at.status(processingSince("orange", "00000009", NOW)));
        assertEquals(List.of(), scheduler.scheduled(), "a status query schedules nothing");
    }

    @Test
    void aPayerWhoNeverActedIsPendingThenTheProvidersExpiry() {
        Payment p = mobileMoney("CI", "mtn", "00000001");
        NextAction ussd = new NextAction(NextAction.Type.USSD, "m", null);
        Payment waiting = new Payment(p.id(), p.intentId(), NOW, NOW, PaymentStatus.ACTION_REQUIRED, p.amount(),
                p.currency(), p.method(), p.country(), p.provider(), p.number(), null, p.fees(), ussd, "sbx_ref", null,
                null, null);
        java.time.ZoneOffset utc = java.time.ZoneOffset.UTC;
        assertEquals(new ProviderAnswer.Pending("sbx_ref"), new SandboxProviderGateway(scheduler, COVERAGE,
                SandboxSettings.defaults(), java.time.Clock.fixed(NOW.plusSeconds(1), utc)).status(waiting));
        assertFailed(FailureCode.TIMEOUT, new SandboxProviderGateway(scheduler, COVERAGE, SandboxSettings.defaults(),
                java.time.Clock.fixed(NOW.plus(PROVIDER_WINDOW), utc)).status(waiting));
    }

    @Test
    void authenticateKeepsTheReferenceGivenAtInitiation() {
        Payment p = mobileMoney("CI", "orange", "00000001");
        String ref = reference(gateway.initiate(request(p, null)));
        Payment waiting = new Payment(p.id(), p.intentId(), NOW, NOW, PaymentStatus.ACTION_REQUIRED, p.amount(),
                p.currency(), p.method(), p.country(), p.provider(), p.number(), null, p.fees(), null, ref, null, null, null);
        assertEquals(new ProviderAnswer.Succeeded(ref), gateway.authenticate(waiting, "9876"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12a4", "123", "12345", " 1234", "1234 ", "١٢٣٤", "-123"})
    void aMalformedCodeFailsAuthentication(String code) {
        for (String number : List.of("00000001", "00000004")) {
            Payment p = mobileMoney("ML", "orange", number);
            assertFailed(FailureCode.AUTHENTICATION_FAILED, gateway.authenticate(p, code));
            if (code != null && !code.isBlank()) {
                assertFailed(FailureCode.AUTHENTICATION_FAILED, gateway.initiate(request(p, code)));
            }
        }
        assertEquals(List.of(), scheduler.scheduled());
    }

    /** HUB2's sandbox: "Entrez un numéro à 4 chiffres" — any 4 digits authenticate, 0000 and 9999 included. */
    @ParameterizedTest
    @ValueSource(strings = {"0000", "1234", "9999", "0001"})
    void anyFourDigitCodeAuthenticates(String code) {
        Payment p = mobileMoney("CI", "orange", "00000001");
        reference(assertInstanceOf(ProviderAnswer.Succeeded.class, gateway.authenticate(p, code)));
        reference(assertInstanceOf(ProviderAnswer.Succeeded.class, gateway.initiate(request(p, code))));
    }

    /** The failing OTP path is the documented number 00000006: every code is refused, with or without the step. */
    @ParameterizedTest
    @ValueSource(strings = {"0000", "1234", "9999"})
    void number00000006FailsAuthenticationWhateverTheCode(String code) {
        Payment p = mobileMoney("CI", "orange", "+22500000006");
        action(NextAction.Type.OTP, gateway.initiate(request(p, null)));
        assertFailed(FailureCode.AUTHENTICATION_FAILED, gateway.authenticate(p, code));
        assertFailed(FailureCode.AUTHENTICATION_FAILED, gateway.initiate(request(p, code)));
    }

    @Test
    void onlyAnOtpPaymentCanBeAuthenticated() {
        assertThrows(IllegalStateException.class, () -> gateway.authenticate(mobileMoney("CI", "mtn", "00000001"), "1234"));
        assertThrows(IllegalStateException.class, () -> gateway.authenticate(mobileMoney("CI", "wave", "00000001"), "1234"));
    }

    // ---- REDIRECTION

    @ParameterizedTest
    @ValueSource(strings = {"00000001", "00000002", "00000003", "00000004", "00000005"})
    void waveRedirectsToTheSandboxPageAndTimesOutIfThePayerNeverComesBack(String number) {
        Payment p = mobileMoney("SN", "wave", number);
        NextAction action = action(NextAction.Type.REDIRECTION, gateway.initiate(request(p, null)));
        assertEquals("Mode Sandbox. Ouvrez la page de paiement pour approuver ou refuser.", action.message());
        assertEquals(new NextAction.Data("http://127.0.0.1:3000/sandbox/payments/" + p.id(), "get", Map.of(), Map.of()),
                action.data());
        assertEquals("get", action.data().method(), "HUB2 documents the method in lowercase");
        assertEquals(List.of(new Scheduled(failed(p, FailureCode.TIMEOUT).onlyIf(PaymentStatus.ACTION_REQUIRED),
                PROVIDER_WINDOW)), scheduler.scheduled());
    }

    @Test
    void approvingWaveGivesTheNumbersOutcome() {
        for (SandboxOutcome outcome : SandboxOutcome.values()) {
            Payment p = mobileMoney("CI", "wave", outcome.suffix());
            Optional<ProviderEvent> event = gateway.approval(p);
            switch (outcome) {
                case SUCCEEDS -> assertEquals(Optional.of(succeeded(p)), event);
                case NEVER_ANSWERED -> assertEquals(Optional.empty(), event); // the scheduled timeout decides
                default -> assertEquals(Optional.of(failed(p, outcome.failure())), event);
            }
        }
        Payment unknown = mobileMoney("CI", "wave", "12345678");
        assertEquals(Optional.of(failed(unknown, FailureCode.INVALID_SANDBOX_MSISDN)), gateway.approval(unknown));
    }

    @Test
    void decliningFailsCanceledByCustomer() {
        Payment wave = mobileMoney("CI", "wave", "00000001");
        assertEquals(failed(wave, FailureCode.CANCELED_BY_CUSTOMER), gateway.decline(wave));
        Payment card = payment("credit_card", "CM", null, null);
        assertEquals(failed(card, FailureCode.CANCELED_BY_CUSTOMER), gateway.decline(card));
    }

    @Test
    void cardsRedirectInEveryCountryAndSucceedWhenApproved() {
        for (String country : List.of("CI", "SN", "BJ", "BF", "ML", "TG", "CM", "GA", "GN")) {
            scheduler.clear();
            Payment card = payment("credit_card", country, null, null);
            NextAction action = action(NextAction.Type.REDIRECTION, gateway.initiate(request(card, null)));
            assertEquals("http://127.0.0.1:3000/sandbox/payments/" + card.id(), action.data().url());
            assertEquals(List.of(new Scheduled(failed(card, FailureCode.TIMEOUT).onlyIf(PaymentStatus.ACTION_REQUIRED),
                    PROVIDER_WINDOW)), scheduler.scheduled());
            assertEquals(Optional.of(succeeded(card)), gateway.approval(card));
        }
    }

    // ---- routes and settings

    @Test
    void everyCoveredRouteGetsItsFlowsNextAction() {
        for (PaymentRoute route : COVERAGE.routes()) {
            Payment p = ProviderCoverage.isCard(route) ? payment("credit_card", route.country(), null, null)
                    : mobileMoney(route.country(), route.provider(), "00000001");
            NextAction.Type expected = switch (route.flow()) {
                case OTP -> NextAction.Type.OTP;
                case USSD -> NextAction.Type.USSD;
                case REDIRECTION -> NextAction.Type.REDIRECTION;
            };
            action(expected, gateway.initiate(request(p, null)));
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"mobile_money, CI, free", "mobile_money, XX, orange",
            "mobile_money, CI, card", "mobile_money, CI, null", "bank_transfer, CI, orange", "cash, CI, orange"})
    void anUncoveredRouteFailsAsAnInvalidProcessor(String method, String country, String provider) {
        assertFailed(FailureCode.INVALID_PAYMENT_PROCESSOR,
                gateway.initiate(request(payment(method, country, provider, "00000001"), null)));
        assertEquals(List.of(), scheduler.scheduled());
    }

    @Test
    void settingsDecideDelaysAndThePageAddress() {
        SandboxProviderGateway quick = new SandboxProviderGateway(scheduler, COVERAGE, new SandboxSettings(
                Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(2), "https://sandbox.cauri.example//"));
        Payment ussd = mobileMoney("TG", "togocell", "00000001");
        Payment otp = mobileMoney("GN", "orange", "00000001");
        Payment wave = mobileMoney("CI", "wave", "00000001");
        quick.initiate(request(ussd, null));
        quick.initiate(request(otp, null));
        NextAction page = action(NextAction.Type.REDIRECTION, quick.initiate(request(wave, null)));
        assertEquals("https://sandbox.cauri.example/sandbox/payments/" + wave.id(), page.data().url());
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                scheduler.scheduled().stream().map(Scheduled::delay).toList());
    }

    @ParameterizedTest
    @EnumSource(SandboxOutcome.class)
    void eachOutcomeHasADistinctSuffix(SandboxOutcome outcome) {
        assertEquals(Optional.of(outcome), SandboxOutcome.of(outcome.suffix()));
    }

    @Test
    void settingsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new SandboxSettings(Duration.ZERO, OTP_WINDOW, PROVIDER_WINDOW, "http://x"));
        assertThrows(IllegalArgumentException.class, () -> new SandboxSettings(PAYER, Duration.ofSeconds(-1), PROVIDER_WINDOW, "http://x"));
        assertThrows(IllegalArgumentException.class, () -> new SandboxSettings(PAYER, OTP_WINDOW, null, "http://x"));
        assertThrows(IllegalArgumentException.class, () -> new SandboxSettings(PAYER, OTP_WINDOW, PROVIDER_WINDOW, " "));
    }
}
