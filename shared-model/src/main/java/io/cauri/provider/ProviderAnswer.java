package io.cauri.provider;

import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;

/** A provider's first answer to a request (initiate or authenticate). Later outcomes arrive as {@link ProviderEvent}s. */
public sealed interface ProviderAnswer {

    /** Accepted; the outcome will come later as a provider event. */
    record Pending(String providerReference) implements ProviderAnswer {
    }

    /** The payer must act: enter an OTP, answer a USSD prompt, or follow a redirection. */
    record ActionRequired(NextAction action, String providerReference) implements ProviderAnswer {
    }

    record Succeeded(String providerReference) implements ProviderAnswer {
    }

    record Failed(FailureCode code, String message) implements ProviderAnswer {
    }
}
