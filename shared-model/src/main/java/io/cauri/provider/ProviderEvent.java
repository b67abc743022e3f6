package io.cauri.provider;

import io.cauri.intent.FailureCode;
import io.cauri.intent.PaymentStatus;

import java.time.Instant;

/**
 * An outcome that arrives after the request: the payer confirmed a USSD prompt, approved a redirection,
 * a provider callback, or a window that closed (OTP or provider timeout). Applied by
 * {@code PaymentOutcomes} through the state machine; applying it twice changes nothing.
 *
 * @param onlyIf when set, the event applies only if the payment is still in this status (a timeout for
 *               an OTP step must not fail a payment that has moved on); otherwise only if not final
 * @param unchangedSince when set, the event applies only if the payment's status has not changed after this
 *                       instant: the check scheduled for one provider step (the attempt, then the OTP) must
 *                       not end a later step that put the payment back in the same status
 * @param round for {@link Outcome#CHECK}: how many checks of this step came before (0 for the first), which
 *              sets the delay before the next one
 */
public record ProviderEvent(String intentId, String paymentId, Outcome outcome, FailureCode failureCode,
                            String message, PaymentStatus onlyIf, Instant unchangedSince, int round) {

    public ProviderEvent(String intentId, String paymentId, Outcome outcome, FailureCode failureCode,
                         String message, PaymentStatus onlyIf, Instant unchangedSince) {
        this(intentId, paymentId, outcome, failureCode, message, onlyIf, unchangedSince, 0);
    }

    public ProviderEvent(String intentId, String paymentId, Outcome outcome, FailureCode failureCode,
                         String message, PaymentStatus onlyIf) {
        this(intentId, paymentId, outcome, failureCode, message, onlyIf, null, 0);
    }

    /**
     * {@code CHECK} is not an outcome but the reconciliation at the end of a provider window: ask the provider
     * for the payment's status, apply a final answer, else check again later.
     */
    public enum Outcome {
        SUCCEEDED, FAILED, CHECK
    }

    /** The reconciliation of one provider step ({@code processing} since {@code since}), its {@code round}-th. */
    public static ProviderEvent check(String intentId, String paymentId, Instant since, int round) {
        return new ProviderEvent(intentId, paymentId, Outcome.CHECK, null, null, PaymentStatus.PROCESSING, since, round);
    }

    public static ProviderEvent succeeded(String intentId, String paymentId) {
        return new ProviderEvent(intentId, paymentId, Outcome.SUCCEEDED, null, null, null);
    }

    public static ProviderEvent failed(String intentId, String paymentId, FailureCode code, String message) {
        return new ProviderEvent(intentId, paymentId, Outcome.FAILED, code, message, null);
    }

    public ProviderEvent onlyIf(PaymentStatus status) {
        return new ProviderEvent(intentId, paymentId, outcome, failureCode, message, status, unchangedSince, round);
    }

    public ProviderEvent unchangedSince(Instant since) {
        return new ProviderEvent(intentId, paymentId, outcome, failureCode, message, onlyIf, since, round);
    }
}
