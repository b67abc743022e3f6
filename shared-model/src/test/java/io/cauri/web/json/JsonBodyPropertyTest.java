package io.cauri.web.json;

import io.micronaut.json.JsonMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Properties of {@link JsonBody} (jqwik; a class of its own so that each engine writes its own surefire report). */
class JsonBodyPropertyTest {

    private static final JsonMapper MAPPER = JsonMapper.createDefault();

    @Property
    void anyLongRoundTrips(@ForAll long value) {
        assertEquals(value, JsonBody.parse(MAPPER, "{\"amount\":" + value + "}").requiredInteger("amount"));
    }
}
