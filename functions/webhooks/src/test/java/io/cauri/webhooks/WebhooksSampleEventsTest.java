package io.cauri.webhooks;

import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** Every events/webhooks/*.json replayed through the real handler answers the status its name gives. */
class WebhooksSampleEventsTest {
    static LocalFunction function;

    @BeforeAll
    static void start() {
        function = new LocalFunction(new LocalEvents(5).properties());
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @TestFactory
    Stream<DynamicTest> sampleEvents() {
        return SampleEvents.replay(function, SampleEvents.folder("webhooks"));
    }
}
