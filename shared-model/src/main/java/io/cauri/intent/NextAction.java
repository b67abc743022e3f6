package io.cauri.intent;

import java.util.Map;

/**
 * What the payer must do to continue a payment (HUB2): enter an OTP, answer a USSD prompt, or follow a
 * redirection described by {@code data}.
 */
public record NextAction(Type type, String message, Data data) {

    public enum Type {
        OTP, USSD, REDIRECTION;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Where and how to send the payer for a redirection; empty for otp and ussd. */
    public record Data(String url, String method, Map<String, String> headers, Map<String, String> data) {
        public Data {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            data = data == null ? Map.of() : Map.copyOf(data);
        }
    }
}
