package io.cauri.web;

import io.cauri.intent.Currency;

import java.util.regex.Pattern;

/** Rules for fields that several routes share; each failure names its field. */
public final class Fields {
    /** HUB2: letters, digits, hyphen, underscore, dot and space; 1 to 64 characters. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9\\-_. ]{1,64}");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

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
        return Currency.fromCode(code).orElseThrow(() -> new ApiException(400, ErrorCode.UNSUPPORTED_CURRENCY,
                "Currency " + code + " is not supported; use XOF, XAF or GNF.", param));
    }

    /** Free text shown to payers: bounded, printable, no control characters. */
    public static String label(String param, String value, int maxLength) {
        if (value.isBlank() || value.length() > maxLength || value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(param, param + " must be 1 to " + maxLength + " printable characters.");
        }
        return value;
    }
}
