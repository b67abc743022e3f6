package io.cauri.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TimestampsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "2026-11-21T10:15:30Z,           2026-11-21T10:15:30.000Z",
            "2026-11-21T10:15:30.000Z,       2026-11-21T10:15:30.000Z",
            "2026-11-21T10:15:30.1Z,         2026-11-21T10:15:30.100Z",
            "2026-11-21T10:15:30.12Z,        2026-11-21T10:15:30.120Z",
            "2026-11-21T10:15:30.123Z,       2026-11-21T10:15:30.123Z",
            "2026-11-21T10:15:30.123999999Z, 2026-11-21T10:15:30.123Z",
            "2026-11-21T10:15:30.000001Z,    2026-11-21T10:15:30.000Z",
            "1970-01-01T00:00:00Z,           1970-01-01T00:00:00.000Z",
            "2026-12-31T23:59:59.999Z,       2026-12-31T23:59:59.999Z"})
    void formatAlwaysWritesThreeFractionDigitsInUtc(String instant, String expected) {
        assertEquals(expected, Timestamps.format(Instant.parse(instant)));
    }

    @Test
    void formatTruncatesRatherThanRounds() {
        // rounding .9995 up would move the time into the next second, and past a query bound
        assertEquals("2026-11-21T10:15:30.999Z", Timestamps.format(Instant.parse("2026-11-21T10:15:30.9999Z")));
    }

    @Test
    void nullStaysNull() {
        assertNull(Timestamps.format(null));
        assertNull(Timestamps.parse(null));
    }

    // ---- parseLenient: what clients may send ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-11-21T10:15:30.123Z,           2026-11-21T10:15:30.123Z",
            "2026-11-21T10:15:30Z,               2026-11-21T10:15:30Z",
            "2026-11-21T10:15Z,                  2026-11-21T10:15:00Z",
            "2026-11-21T10:15:30.123456789Z,     2026-11-21T10:15:30.123456789Z",
            "2026-11-21T11:15:30.123+01:00,      2026-11-21T10:15:30.123Z",
            "2026-11-21T04:45:30-05:30,          2026-11-21T10:15:30Z",
            "2026-11-21T10:15:30+00:00,          2026-11-21T10:15:30Z",
            "2026-11-22T00:15:30+14:00,          2026-11-21T10:15:30Z",
            "2026-11-21t10:15:30z,               2026-11-21T10:15:30Z"})   // RFC 3339 §5.6 allows lower case
    void parseLenientAcceptsZuluAndOffsets(String text, String expected) {
        assertEquals(Optional.of(Instant.parse(expected)), Timestamps.parseLenient(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "", " ", "junk", "now", "null",
            "2026-11-21",                       // a date is not an instant
            "2026-11-21T10:15:30",              // no zone: which instant would it be?
            "2026-11-21 10:15:30Z",             // space instead of T
            "2026-11-21T10:15:30.123Z ",        // trailing space
            " 2026-11-21T10:15:30.123Z",
            "2026-13-01T00:00:00Z",             // month 13
            "2026-02-30T00:00:00Z",             // no such day
            "2026-11-21T24:00:01Z",
            "2026-11-21T10:15:30+25:00",        // no such offset
            "2026-11-21T10:15:30 +01:00",
            "1700000000",                       // epoch seconds are the v1 family's, not an ISO date
            "20261121T101530Z",                 // basic format
            "2026-11-21T10:15:30Z[Europe/Paris]",
            "2026-11-21T10:15:30.123Zjunk"})
    void parseLenientRejectsJunk(String text) {
        assertEquals(Optional.empty(), Timestamps.parseLenient(text));
    }
}
