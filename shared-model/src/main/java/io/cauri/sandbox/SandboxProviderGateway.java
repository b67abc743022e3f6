package io.cauri.sandbox;

import io.cauri.fee.FeeCalculator;
import io.cauri.id.Ids;
import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentStatus;
import io.cauri.provider.PaymentMethod;
import io.cauri.provider.PaymentRoute;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderCoverage;
import io.cauri.provider.ProviderEvent;
import io.cauri.provider.ProviderEventScheduler;
import io.cauri.provider.ProviderGateway;
import io.cauri.provider.ProviderRequest;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The deterministic sandbox of docs/CONTRACT.md §4: no provider is called; the payer's number decides the outcome
 * ({@link SandboxOutcome}) and the route's flow decides the payer's step. Later outcomes (the simulated
 * payer's USSD answer, the end of a window) are handed to the {@link ProviderEventScheduler}.
 * <ul>
 *   <li>Any flow: a number that is not a sandbox number fails {@code invalid_sandbox_msisdn} at once. Card
 *       attempts have no number and behave like {@code 00000001}.</li>
 *   <li>OTP: an {@code otp} next action, and {@code authentication_timeout} after the OTP window if the
 *       payment is still waiting for it. An OTP given with the attempt skips the step.</li>
 *   <li>USSD: a {@code ussd} next action; the payer answers after the payer delay ({@code 00000004}: never,
 *       and the attempt fails {@code timeout} after the provider window).</li>
 *   <li>An OTP accepted for {@code 00000004} leaves the payment pending: the reconciliation at the end of the
 *       provider window asks {@link #status}, which answers {@code timeout} then (the provider's own expiry).</li>
 *   <li>REDIRECTION: a {@code redirection} next action to the sandbox page, and {@code timeout} after the
 *       provider window if the payer never comes back. The page applies {@link #approval} or
 *       {@link #decline}.</li>
 * </ul>
 */
@Singleton
public class SandboxProviderGateway implements ProviderGateway {
    static final String OTP_MESSAGE = "Mode Sandbox. Entrez un numéro à 4 chiffres pour authentifier le paiement.";
    static final String REDIRECTION_MESSAGE = "Mode Sandbox. Ouvrez la page de paiement pour approuver ou refuser.";

    private static final Pattern OTP = Pattern.compile("[0-9]{4}");

    private final ProviderEventScheduler scheduler;
    private final ProviderCoverage coverage;
    private final SandboxSettings settings;
    private final Clock clock;

    public SandboxProviderGateway(ProviderEventScheduler scheduler, ProviderCoverage coverage,
                                  SandboxSettings settings) {
        this(scheduler, coverage, settings, Clock.systemUTC());
    }

    public SandboxProviderGateway(ProviderEventScheduler scheduler, ProviderCoverage coverage,
                                  SandboxSettings settings, Clock clock) {
        this.scheduler = scheduler;
        this.coverage = coverage;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The provider window is the payments' own setting ({@code PaymentAttempts}, the reconciliation, the sweep):
     * one window, so the sandbox's expiry, the page's countdown and the reconciliation agree.
     */
    @Inject
    public SandboxProviderGateway(ProviderEventScheduler scheduler, ProviderCoverage coverage, Clock clock,
                                  @Value("${cauri.sandbox.payer-delay:3s}") Duration payerDelay,
                                  @Value("${cauri.sandbox.otp-window:10m}") Duration otpWindow,
                                  @Value("${cauri.payments.provider-window:2m}") Duration providerWindow,
                                  // backticks: the default contains colons, which would otherwise split the placeholder
                                  @Value("${cauri.sandbox.base-url:`http://127.0.0.1:3000`}") String baseUrl) {
        this(scheduler, coverage, new SandboxSettings(payerDelay, otpWindow, providerWindow, baseUrl), clock);
    }

    public SandboxSettings settings() {
        return settings;
    }

    @Override
    public ProviderAnswer initiate(ProviderRequest request) {
        Payment payment = request.payment();
        Optional<PaymentRoute> route = routeOf(payment);
        if (route.isEmpty()) {
            return failed(FailureCode.INVALID_PAYMENT_PROCESSOR);
        }
        Optional<SandboxOutcome> outcome = outcomeOf(payment, route.get());
        if (outcome.isEmpty()) {
            return failed(FailureCode.INVALID_SANDBOX_MSISDN);
        }
        String reference = newReference();
        return switch (route.get().flowFor(request.preferredFlow())) {
            case OTP -> {
                String otp = request.otp();
                if (otp != null && !otp.isBlank()) {
                    yield answerOtp(payment, outcome.get(), otp, reference);
                }
                schedule(failure(payment, FailureCode.AUTHENTICATION_TIMEOUT).onlyIf(PaymentStatus.ACTION_REQUIRED),
                        settings.otpWindow());
                yield new ProviderAnswer.ActionRequired(new NextAction(NextAction.Type.OTP, OTP_MESSAGE, null), reference);
            }
            case USSD -> {
                if (outcome.get() == SandboxOutcome.NEVER_ANSWERED) {
                    schedule(failure(payment, FailureCode.TIMEOUT), settings.providerWindow());
                } else {
                    schedule(eventFor(payment, outcome.get()), settings.payerDelay());
                }
                yield new ProviderAnswer.ActionRequired(new NextAction(NextAction.Type.USSD, ussdMessage(payment), null),
                        reference);
            }
            case REDIRECTION -> {
                schedule(failure(payment, FailureCode.TIMEOUT).onlyIf(PaymentStatus.ACTION_REQUIRED),
                        settings.providerWindow());
                NextAction.Data page = new NextAction.Data(
                        settings.sandboxBaseUrl() + "/sandbox/payments/" + payment.id(), "get", Map.of(), Map.of());
                yield new ProviderAnswer.ActionRequired(
                        new NextAction(NextAction.Type.REDIRECTION, REDIRECTION_MESSAGE, page), reference);
            }
        };
    }

    /**
     * The payer's OTP: any 4 ASCII digits, as in HUB2's sandbox, else {@code authentication_failed}; then the
     * number's outcome ({@code 00000006}: {@code authentication_failed} whatever the code; {@code 00000004}:
     * pending, and {@link #status} answers {@code timeout} once the provider window is over).
     *
     * @throws IllegalStateException if the payment's route has no OTP step (the caller checks the next action)
     */
    @Override
    public ProviderAnswer authenticate(Payment payment, String confirmationCode) {
        PaymentRoute route = routeOf(payment)
                .filter(r -> r.offers(PaymentRoute.NextActionFlow.OTP))
                .orElseThrow(() -> new IllegalStateException("payment " + payment.id() + " has no OTP step"));
        Optional<SandboxOutcome> outcome = outcomeOf(payment, route);
        if (outcome.isEmpty()) {
            return failed(FailureCode.INVALID_SANDBOX_MSISDN);
        }
        String reference = payment.providerReference() != null ? payment.providerReference() : newReference();
        return answerOtp(payment, outcome.get(), confirmationCode, reference);
    }

    /**
     * The event for a payer who approved the sandbox redirection page: the number's outcome (a card
     * succeeds). Empty for {@code 00000004}: the provider never answers, and the {@code timeout} scheduled
     * at initiation fails the attempt when the provider window ends.
     */
    public Optional<ProviderEvent> approval(Payment payment) {
        Optional<SandboxOutcome> outcome = routeOf(payment).flatMap(route -> outcomeOf(payment, route));
        if (outcome.isEmpty()) {
            return Optional.of(failure(payment, FailureCode.INVALID_SANDBOX_MSISDN));
        }
        return outcome.get() == SandboxOutcome.NEVER_ANSWERED ? Optional.empty()
                : Optional.of(eventFor(payment, outcome.get()));
    }

    /**
     * What the simulated provider knows of a payment, deterministically from the payer's number as for its
     * first answer. A payment still waiting for the payer ({@code action_required}) is pending until its window
     * ends (the OTP window for an OTP, else the provider window), then the provider's own expiry:
     * {@code authentication_timeout} or {@code timeout}. A {@code processing} payment has had its payer step
     * (an OTP given, the USSD payer who answers by himself): the number's outcome, except {@code 00000004},
     * which the provider never settles: pending until the provider window after the step, then {@code timeout}.
     * A final payment: what it ended with. The simulator keeps no record of its own, so a payment whose OTP
     * prompt was lost before it was stored counts as one whose OTP was given.
     */
    @Override
    public ProviderAnswer status(Payment payment) {
        Optional<PaymentRoute> route = routeOf(payment);
        if (route.isEmpty()) {
            return failed(FailureCode.INVALID_PAYMENT_PROCESSOR);
        }
        Optional<SandboxOutcome> outcome = outcomeOf(payment, route.get());
        if (outcome.isEmpty()) {
            return failed(FailureCode.INVALID_SANDBOX_MSISDN);
        }
        String reference = payment.providerReference() != null ? payment.providerReference() : newReference();
        Instant now = Instant.now(clock);
        return switch (payment.status()) {
            case SUCCESSFUL -> new ProviderAnswer.Succeeded(reference);
            case FAILED -> payment.failure() != null
                    ? new ProviderAnswer.Failed(payment.failure().code(), payment.failure().message())
                    : failed(FailureCode.TIMEOUT);
            case ACTION_REQUIRED -> {
                boolean otp = payment.nextAction() != null && payment.nextAction().type() == NextAction.Type.OTP;
                Duration window = otp ? settings.otpWindow() : settings.providerWindow();
                yield now.isBefore(payment.updatedAt().plus(window)) ? new ProviderAnswer.Pending(reference)
                        : failed(otp ? FailureCode.AUTHENTICATION_TIMEOUT : FailureCode.TIMEOUT);
            }
            default -> switch (outcome.get()) {
                case SUCCEEDS -> new ProviderAnswer.Succeeded(reference);
                case NEVER_ANSWERED -> now.isBefore(payment.updatedAt().plus(settings.providerWindow()))
                        ? new ProviderAnswer.Pending(reference) : failed(FailureCode.TIMEOUT);
                default -> failed(outcome.get().failure());
            };
        };
    }

    /** The event for a payer who declined the sandbox redirection page. */
    public ProviderEvent decline(Payment payment) {
        return failure(payment, FailureCode.CANCELED_BY_CUSTOMER);
    }

    private ProviderAnswer answerOtp(Payment payment, SandboxOutcome outcome, String code, String reference) {
        if (code == null || !OTP.matcher(code).matches()) {
            return failed(FailureCode.AUTHENTICATION_FAILED);
        }
        return switch (outcome) {
            case SUCCEEDS -> new ProviderAnswer.Succeeded(reference);
            // no timeout of its own: the payment's reconciliation check asks status() when the window ends
            case NEVER_ANSWERED -> new ProviderAnswer.Pending(reference);
            default -> failed(outcome.failure());
        };
    }

    private Optional<PaymentRoute> routeOf(Payment payment) {
        PaymentMethod method = PaymentMethod.fromWire(payment.method()).orElse(null);
        return coverage.route(payment.country(), method, payment.provider());
    }

    /** Cards have no payer number: they behave like a succeeding one. */
    private static Optional<SandboxOutcome> outcomeOf(Payment payment, PaymentRoute route) {
        return ProviderCoverage.isCard(route) ? Optional.of(SandboxOutcome.SUCCEEDS) : SandboxOutcome.of(payment.number());
    }

    private static ProviderEvent eventFor(Payment payment, SandboxOutcome outcome) {
        return outcome == SandboxOutcome.SUCCEEDS ? ProviderEvent.succeeded(payment.intentId(), payment.id())
                : failure(payment, outcome.failure());
    }

    private static ProviderEvent failure(Payment payment, FailureCode code) {
        return ProviderEvent.failed(payment.intentId(), payment.id(), code, message(code));
    }

    private static ProviderAnswer.Failed failed(FailureCode code) {
        return new ProviderAnswer.Failed(code, message(code));
    }

    private void schedule(ProviderEvent event, Duration delay) {
        scheduler.schedule(event, delay);
    }

    private static String ussdMessage(Payment payment) {
        return "Mode Sandbox. Confirmez le paiement de " + FeeCalculator.payerTotal(payment.amount(), payment.fees())
                + " " + payment.currency() + " sur votre téléphone.";
    }

    private static String newReference() {
        return "sbx_" + Ids.next("");
    }

    static String message(FailureCode code) {
        return switch (code) {
            case CUSTOMER_INSUFFICIENT_FUNDS -> "Sandbox: the payer's balance is insufficient.";
            case CUSTOMER_ACCOUNT_LOCKED -> "Sandbox: the payer's account is locked.";
            case SERVICE_UNAVAILABLE -> "Sandbox: the provider is unavailable.";
            case TIMEOUT -> "Sandbox: the provider did not answer in time.";
            case AUTHENTICATION_TIMEOUT -> "Sandbox: no OTP was entered in time.";
            case AUTHENTICATION_FAILED -> "Sandbox: the OTP was refused (4 digits; 00000006 refuses every code).";
            case CANCELED_BY_CUSTOMER -> "Sandbox: the payer declined the payment.";
            case INVALID_SANDBOX_MSISDN -> "Sandbox numbers end with 00000001 to 00000006.";
            case INVALID_PAYMENT_PROCESSOR -> "Sandbox: no such provider in this country.";
            default -> "Sandbox: " + code.wire() + ".";
        };
    }
}
