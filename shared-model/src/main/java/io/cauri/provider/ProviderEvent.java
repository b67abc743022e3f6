package io.cauri.provider;

import io.cauri.intent.FailureCode;
import io.cauri.intent.PaymentStatus;

/**
 * An outcome that arrives after the request: the payer confirmed a USSD prompt, approved a redirection,
 * a provider callback, or a window that closed (OTP or provider timeout). Applied by
 * {@code PaymentOutcomes} through the state machine; applying it twice changes nothing.
 *
 * @param onlyIf when set, the event applies only if the payment is still in this status (a timeout for
 *               an OTP step must not fail a payment that has moved on); otherwise only if not final
 */
public record ProviderEvent(String intentId, String paymentId, Outcome outcome, FailureCode failureCode,
                            String message, PaymentStatus onlyIf) {

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
        return new ProviderEvent(intentId, paymentId, outcome, failureCode, message, status);
    }
}
