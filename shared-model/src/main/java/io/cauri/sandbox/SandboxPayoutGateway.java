package io.cauri.sandbox;

import io.cauri.provider.PayoutAnswer;
import io.cauri.provider.PayoutGateway;
import io.cauri.provider.PayoutOrder;
import io.cauri.provider.RefundGateway;
import io.cauri.provider.RefundOrder;
import io.cauri.provider.PayoutConnectors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The sandbox's money out (docs/CONTRACT.md §4): no provider is called; the number decides
 * ({@link SandboxPayoutOutcome}): a transfer's destination, a refund's payment's payer. Deterministic and stateless,
 * so asking again ({@link #status}) answers what the first call would have ended with.
 */
@Singleton
@Named(PayoutConnectors.SANDBOX)
public class SandboxPayoutGateway implements PayoutGateway, RefundGateway {

    /** The sandbox's stand-in for a provider call that times out: nothing is known of the outcome. */
    public static final class AnswerLostException extends RuntimeException {
        AnswerLostException(String id) {
            super("sandbox provider did not answer for " + id, null, false, false);
        }
    }

    @Override
    public PayoutAnswer send(PayoutOrder order) {
        return first(order.id(), SandboxPayoutOutcome.of(order.msisdn()));
    }

    @Override
    public PayoutAnswer status(PayoutOrder order) {
        return later(order.id(), SandboxPayoutOutcome.of(order.msisdn()));
    }

    @Override
    public PayoutAnswer refund(RefundOrder order) {
        return first(order.id(), SandboxPayoutOutcome.of(order.payment().number()));
    }

    @Override
    public PayoutAnswer status(RefundOrder order) {
        return later(order.id(), SandboxPayoutOutcome.of(order.payment().number()));
    }

    private static PayoutAnswer first(String id, SandboxPayoutOutcome outcome) {
        if (outcome == SandboxPayoutOutcome.ANSWER_LOST) {
            throw new AnswerLostException(id);
        }
        return later(id, outcome);
    }

    private static PayoutAnswer later(String id, SandboxPayoutOutcome outcome) {
        String reference = reference(id);
        return switch (outcome) {
            case SUCCEEDS, ANSWER_LOST -> new PayoutAnswer.Succeeded(reference);
            case NEVER_DECIDED -> new PayoutAnswer.Pending(reference);
            default -> new PayoutAnswer.Failed(reference, outcome.failure().wire(), message(outcome));
        };
    }

    /** The simulated provider's reference: derived from the order's id, so every answer about it names the same. */
    static String reference(String id) {
        return "sbx_" + id;
    }

    private static String message(SandboxPayoutOutcome outcome) {
        return switch (outcome) {
            case DESTINATION_NOT_ALLOWED -> "The provider does not allow payments to this recipient.";
            case FORBIDDEN_BY_PROVIDER -> "The provider refused the operation.";
            case SERVICE_UNAVAILABLE -> "The provider is unavailable.";
            default -> "The destination is not a sandbox number.";
        };
    }
}
