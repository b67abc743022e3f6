package io.cauri.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.stream.Stream;

/**
 * Every {@code events/<function>/*.json} replayed through the function's real handler answers the status
 * its name gives. A function module's test only names its folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SampleEventsReplay {
    private LocalFunction function;

    /** The folder under events/, which is also the function module's name. */
    protected abstract String functionName();

    @BeforeAll
    void start() {
        function = new LocalFunction();
    }

    @AfterAll
    void stop() {
        function.close();
    }

    @TestFactory
    Stream<DynamicTest> sampleEvents() {
        return SampleEvents.replay(function, SampleEvents.folder(functionName()));
    }
}
