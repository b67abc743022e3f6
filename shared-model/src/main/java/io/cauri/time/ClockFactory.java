package io.cauri.time;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.time.Clock;

/** One clock for the whole domain, so tests can fix time without touching the code under test. */
@Factory
public class ClockFactory {
    /** Secondary: a test that registers a clock of its own (to move time without sleeping) wins over this one. */
    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
