package io.cauri.time;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of {@link Timestamps} (jqwik; a class of its own so that each engine writes its own surefire report). */
class TimestampsPropertyTest {

    @Property
    void formatIsFixedWidthAndParsesBackToTheMillisecond(@ForAll("instants") Instant instant) {
        String text = Timestamps.format(instant);

        assertEquals(24, text.length(), text);
        assertTrue(text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), text);
        assertEquals(instant.truncatedTo(ChronoUnit.MILLIS), Timestamps.parse(text));
    }

    @Property
    void formattedTimesSortAsTextInTimeOrder(@ForAll("instants") Instant a, @ForAll("instants") Instant b) {
        Instant ma = a.truncatedTo(ChronoUnit.MILLIS);
        Instant mb = b.truncatedTo(ChronoUnit.MILLIS);

        assertEquals(Integer.signum(ma.compareTo(mb)),
                Integer.signum(Timestamps.format(a).compareTo(Timestamps.format(b))));
    }

    @Provide
    Arbitrary<Instant> instants() {
        // years 1970–9999 (four-digit years: the index relies on fixed width); many whole seconds, as in .000
        Arbitrary<Long> seconds = Arbitraries.longs().between(0, Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999)
                .map(ms -> ms * 1_000_000), Arbitraries.integers().between(0, 999_999_999));
        return seconds.flatMap(s -> nanos.map(n -> Instant.ofEpochSecond(s, n)));
    }
}
