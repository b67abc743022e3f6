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

    /**
     * Where and how to send the payer for a redirection; empty for otp and ussd. {@code method} is an HTTP
     * method in lowercase ({@code get}, {@code post}) as HUB2 documents it; it is lowered here so a stored
     * action written in capitals reads back in the documented form.
     */
    public record Data(String url, String method, Map<String, String> headers, Map<String, String> data) {
        public Data {
            method = method == null ? null : method.toLowerCase(java.util.Locale.ROOT);
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            data = data == null ? Map.of() : Map.copyOf(data);
        }
    }
}
