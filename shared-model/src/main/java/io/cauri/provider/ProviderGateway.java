package io.cauri.provider;

import io.cauri.intent.Payment;

/**
 * Port: a payment provider (a mobile money operator, a card acquirer). The sandbox simulator implements
 * it in every environment's sandbox mode; live providers plug in here.
 */
public interface ProviderGateway {

    /** Ask the provider to collect the attempt. Called once per attempt, after the attempt is stored. */
    ProviderAnswer initiate(ProviderRequest request);

    /**
     * {@link #initiate(ProviderRequest)} for a connector that learns the payment's provider reference before it
     * sends the debit: it hands the reference to {@code references} first, and sends nothing if that throws.
     * An attempt always calls this one; a connector whose reference is known in advance (derived from the payment
     * id) or comes with the debit's own answer keeps the default.
     */
    default ProviderAnswer initiate(ProviderRequest request, ReferenceSink references) {
        return initiate(request);
    }

    /** Forward the payer's OTP for an attempt waiting in an {@code otp} next action. */
    ProviderAnswer authenticate(Payment payment, String confirmationCode);

    /**
     * What the provider knows now about a payment it was asked to collect: the reconciliation of a payment
     * still {@code processing} at the end of the provider window. {@link ProviderAnswer.Succeeded} or
     * {@link ProviderAnswer.Failed} is final (a request the provider let expire is {@code Failed timeout});
     * {@link ProviderAnswer.Pending} (or {@link ProviderAnswer.ActionRequired}) means not decided yet, and an
     * exception means nothing is known: the payment then stays {@code processing} and is asked again later.
     */
    ProviderAnswer status(Payment payment);
}
