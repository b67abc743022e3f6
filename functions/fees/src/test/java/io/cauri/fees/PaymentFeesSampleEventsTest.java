package io.cauri.fees;

import io.cauri.testing.LocalFunction;
import io.cauri.testing.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** Every events/fees/*.json replayed through the real handler answers the status its name gives. */
class PaymentFeesSampleEventsTest {
    static LocalFunction function;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @TestFactory
    Stream<DynamicTest> sampleEvents() {
        return SampleEvents.replay(function, SampleEvents.folder("fees"));
    }
}
