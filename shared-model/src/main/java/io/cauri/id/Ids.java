package io.cauri.id;

import java.security.SecureRandom;

/**
 * Public identifiers: a type prefix plus 21 characters of {@code [A-Za-z0-9_-]} (126 bits) from a
 * secure random source, so ids cannot be guessed or enumerated.
 */
public final class Ids {
    public static final String INTENT = "pi_";
    public static final String PAYMENT = "pay_";
    public static final String EVENT = "evt_";
    public static final String WEBHOOK = "wh_";
    public static final String REQUEST = "req_";
    public static final String CUSTOMER = "cus_";
    public static final String LEDGER_TRANSACTION = "txn_";
    public static final String REFUND = "re_";
    public static final String TRANSFER = "tr_";

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final int LENGTH = 21;

    private Ids() {
    }

    /** A new id with the given prefix ("" for fee ids, which HUB2 gives no prefix). */
    public static String next(String prefix) {
        byte[] bytes = new byte[LENGTH];
        Random.INSTANCE.nextBytes(bytes);
        StringBuilder id = new StringBuilder(prefix.length() + LENGTH).append(prefix);
        for (byte b : bytes) {
            id.append(ALPHABET[b & 63]); // 64 symbols: masking keeps the distribution uniform
        }
        return id.toString();
    }

    /**
     * An id derived from (at least 21) hash bytes instead of random ones: the same input always gives the
     * same id — for ids that must survive a retry, like an event's, derived from its stream record.
     */
    public static String fromHash(String prefix, byte[] hash) {
        if (hash.length < LENGTH) {
            throw new IllegalArgumentException("an id takes " + LENGTH + " bytes");
        }
        StringBuilder id = new StringBuilder(prefix.length() + LENGTH).append(prefix);
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET[hash[i] & 63]);
        }
        return id.toString();
    }

    /** True when {@code value} has the shape of an id with this prefix (cheap check before any I/O). */
    public static boolean looksLike(String prefix, String value) {
        if (value == null || value.length() != prefix.length() + LENGTH || !value.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Created on first use, not at class init: a SnapStart snapshot must not carry a seeded generator. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }
}
