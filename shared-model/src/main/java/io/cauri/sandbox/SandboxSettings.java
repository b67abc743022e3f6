package io.cauri.sandbox;

import java.time.Duration;

/**
 * Timings and address of the sandbox simulator ({@code cauri.sandbox.*}).
 *
 * @param payerDelay     how long the simulated payer takes to answer a USSD prompt
 * @param otpWindow      how long an OTP step waits before {@code authentication_timeout}
 * @param providerWindow how long a provider waits for an answer before {@code timeout}
 * @param sandboxBaseUrl the API's own base URL, which serves the sandbox redirection page
 */
public record SandboxSettings(Duration payerDelay, Duration otpWindow, Duration providerWindow,
                              String sandboxBaseUrl) {

    public SandboxSettings {
        requirePositive("payerDelay", payerDelay);
        requirePositive("otpWindow", otpWindow);
        requirePositive("providerWindow", providerWindow);
        if (sandboxBaseUrl == null || sandboxBaseUrl.isBlank()) {
            throw new IllegalArgumentException("sandboxBaseUrl is required");
        }
        sandboxBaseUrl = sandboxBaseUrl.replaceAll("/+$", ""); // so url + "/sandbox/..." has one slash
    }

    /** The defaults of docs/CONTRACT.md §4 and local-api's address. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(Duration.ofSeconds(3), Duration.ofMinutes(10), Duration.ofMinutes(2),
                "http://127.0.0.1:3000");
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
