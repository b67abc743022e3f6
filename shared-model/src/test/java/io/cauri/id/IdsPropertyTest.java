package io.cauri.id;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of {@link Ids} (jqwik; a class of its own so that each engine writes its own surefire report). */
class IdsPropertyTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    @Property
    void aSingleCharacterOutsideTheAlphabetIsRejectedWherever(@ForAll("intentIds") String id,
                                                             @ForAll("notInAlphabet") char bad,
                                                             @ForAll("bodyPositions") int position) {
        assertTrue(Ids.looksLike(Ids.INTENT, id));
        char[] chars = id.toCharArray();
        chars[Ids.INTENT.length() + position] = bad;

        assertFalse(Ids.looksLike(Ids.INTENT, new String(chars)));
    }

    @Provide
    Arbitrary<String> intentIds() {
        return Arbitraries.create(() -> Ids.next(Ids.INTENT));
    }

    @Provide
    Arbitrary<Character> notInAlphabet() {
        return Arbitraries.chars().filter(c -> ALPHABET.indexOf(c) < 0);
    }

    @Provide
    Arbitrary<Integer> bodyPositions() {
        return Arbitraries.integers().between(0, 20);
    }
}
