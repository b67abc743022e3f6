package io.cauri.web.json;

import io.cauri.web.error.ApiException;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Properties of {@link Fields} (jqwik; a class of its own so that each engine writes its own surefire report). */
class FieldsPropertyTest {

    @Property
    void everyStringOfAllowedCharactersUpTo64IsAccepted(
            @ForAll @StringLength(min = 1, max = 64) @CharRange(from = 'a', to = 'z') @CharRange(from = 'A', to = 'Z')
            @CharRange(from = '0', to = '9') @Chars({'-', '_', '.', ' '}) String value) {
        assertEquals(value, Fields.reference("customerReference", value));
    }

    @Property
    void oneForeignCharacterAnywhereIsRefused(
            @ForAll @StringLength(min = 0, max = 63) @CharRange(from = 'a', to = 'z') String valid,
            @ForAll char c, @ForAll int where) {
        Assume.that(!String.valueOf(c).matches("[A-Za-z0-9\\-_. ]"));
        int at = Math.floorMod(where, valid.length() + 1);
        String value = valid.substring(0, at) + c + valid.substring(at);

        assertThrows(ApiException.class, () -> Fields.reference("customerReference", value));
    }
}
