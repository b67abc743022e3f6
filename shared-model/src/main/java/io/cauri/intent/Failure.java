package io.cauri.intent;

import java.util.List;

/** Why a payment attempt failed (HUB2 {@code {code, message, params[]}}). */
public record Failure(FailureCode code, String message, List<String> params) {
    public Failure {
        params = params == null ? List.of() : List.copyOf(params);
    }
}
