package io.cauri.web.json;

import io.cauri.intent.Currency;

import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import java.util.regex.Pattern;

/** Rules for fields that several routes share; each failure names its field. */
public final class Fields {
    /** HUB2: letters, digits, hyphen, underscore, dot and space; 1 to 64 characters. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9\\-_. ]{1,64}");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern MSISDN = Pattern.compile("\\+?[0-9]{8,15}");
    private static final Pattern PROVIDER = Pattern.compile("[a-z_]{1,32}");
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{1,12}");

    private Fields() {
    }

    public static String reference(String param, String value) {
        if (!REFERENCE.matcher(value).matches()) {
            throw ApiException.invalid(param, param
                    + " must be 1 to 64 letters, digits, '-', '_', '.' or spaces.");
        }
        return value;
    }

    public static long positiveAmount(String param, long amount) {
        if (amount <= 0) {
            throw ApiException.invalid(param, param + " must be a positive integer number of minor units.");
        }
        return amount;
    }

    public static Currency currency(String param, String code) {
        if (!CURRENCY_CODE.matcher(code).matches()) {
            throw ApiException.invalid(param, param + " must be a three-letter uppercase ISO 4217 code.");
        }
        return Currency.fromCode(code).orElseThrow(() -> ApiException.of(Refusal.UNSUPPORTED_CURRENCY,
                "Currency " + code + " is not supported; use XOF, XAF or GNF.", param));
    }

    /** ISO 3166-1 alpha-2, uppercase. Whether Cauri covers it is the domain's question. */
    public static String country(String param, String value) {
        if (!COUNTRY.matcher(value).matches()) {
            throw ApiException.invalid(param, param + " must be an ISO 3166-1 alpha-2 country code, e.g. CI.");
        }
        return value;
    }

    /** A provider name as coverage lists them (orange, mtn, wave, …); which exist is the domain's question. */
    public static String provider(String param, String value) {
        if (!PROVIDER.matcher(value).matches()) {
            throw ApiException.invalid(param, param + " must be a provider name such as orange, mtn, moov or wave.");
        }
        return value;
    }

    /** A payer's mobile money number: 8 to 15 digits, optionally after '+'. */
    public static String msisdn(String param, String value) {
        if (!MSISDN.matcher(value).matches()) {
            throw ApiException.invalid(param, param + " must be 8 to 15 digits, optionally starting with '+'.");
        }
        return value;
    }

    /** An OTP or confirmation code as the payer typed it; whether it is right is the provider's call. */
    public static String code(String param, String value) {
        if (!CODE.matcher(value).matches()) {
            throw ApiException.invalid(param, param + " must be 1 to 12 letters or digits.");
        }
        return value;
    }

    /** Why a merchant refunds (Stripe's vocabulary, both families): duplicate, fraudulent, requested_by_customer. */
    public static String refundReason(String param, String value) {
        if (!io.cauri.refund.Refunds.REASONS.contains(value)) {
            throw ApiException.invalid(param, param + " must be duplicate, fraudulent or requested_by_customer.");
        }
        return value;
    }

    /**
     * The most bytes (UTF-8) of one stored redirection URL. Each attempt stores two, inside the intent's item,
     * so with {@code IntentStateMachine.MAX_ATTEMPTS} this bounds what URLs add to an item (20 × 2 × 512 bytes)
     * and to a list page of 100 intents (2 MB): real return URLs are far shorter.
     */
    public static final int MAX_REDIRECTION_URL_BYTES = 512;

    /** A URL the payer's browser is sent to: absolute http(s), bounded. */
    public static String redirectionUrl(String param, String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            String scheme = uri.getScheme();
            if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_REDIRECTION_URL_BYTES
                    && uri.getHost() != null
                    && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                return value;
            }
        } catch (java.net.URISyntaxException e) {
            // same answer as any other bad URL
        }
        throw ApiException.invalid(param, param + " must be an absolute http(s) URL of at most "
                + MAX_REDIRECTION_URL_BYTES + " bytes.");
    }

    /**
     * Free text shown to payers: bounded, printable. Refused: control characters, format characters (bidi
     * overrides and isolates such as U+202E, zero-width characters, U+FEFF), line and paragraph separators and
     * lone surrogates, which let a label display as something other than what it is.
     */
    public static String label(String param, String value, int maxLength) {
        if (value.isBlank() || value.length() > maxLength || value.codePoints().anyMatch(Fields::hidden)) {
            throw ApiException.invalid(param, param + " must be 1 to " + maxLength
                    + " printable characters (no control, formatting or bidirectional override characters).");
        }
        return value;
    }

    private static boolean hidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
