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
 */
public record ProviderEvent(String intentId, String paymentId, Outcome outcome, FailureCode failureCode,
                            String message, PaymentStatus onlyIf, Instant unchangedSince) {

    public ProviderEvent(String intentId, String paymentId, Outcome outcome, FailureCode failureCode,
                         String message, PaymentStatus onlyIf) {
        this(intentId, paymentId, outcome, failureCode, message, onlyIf, null);
    }

    public enum Outcome {
        SUCCEEDED, FAILED
    }

    public static ProviderEvent succeeded(String intentId, String paymentId) {
        return new ProviderEvent(intentId, paymentId, Outcome.SUCCEEDED, null, null, null);
    }

    public static ProviderEvent failed(String intentId, String paymentId, FailureCode code, String message) {
        return new ProviderEvent(intentId, paymentId, Outcome.FAILED, code, message, null);
    }

    public ProviderEvent onlyIf(PaymentStatus status) {
        return new ProviderEvent(intentId, paymentId, outcome, failureCode, message, status, unchangedSince);
    }

    public ProviderEvent unchangedSince(Instant since) {
        return new ProviderEvent(intentId, paymentId, outcome, failureCode, message, onlyIf, since);
    }
}
