package io.cauri.provider;

import io.cauri.intent.Payment;

/**
 * Port: a payment provider (a mobile money operator, a card acquirer). The sandbox simulator implements
 * it in every environment's sandbox mode; live providers plug in here.
 */
public interface ProviderGateway {

    /** Ask the provider to collect the attempt. Called once per attempt, after the attempt is stored. */
    ProviderAnswer initiate(ProviderRequest request);

    /** Forward the payer's OTP for an attempt waiting in an {@code otp} next action. */
    ProviderAnswer authenticate(Payment payment, String confirmationCode);
}
