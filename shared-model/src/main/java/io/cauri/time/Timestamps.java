package io.cauri.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one time format of Cauri: UTC ISO-8601 with exactly three fraction digits
 * ({@code 2026-11-21T10:15:30.123Z}). Fixed width, so stored values also sort as strings — which the
 * intents index relies on. ({@link Instant#toString()} drops zero millis and would break both.)
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** Any ISO-8601 instant a client may send ({@code Z} or offset, with or without fraction). */
    public static Optional<Instant> parseLenient(String text) {
        try {
            return Optional.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
