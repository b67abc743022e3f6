package io.cauri.id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final Pattern BODY = Pattern.compile("[A-Za-z0-9_-]{21}");

    @ParameterizedTest
    @ValueSource(strings = {Ids.INTENT, Ids.PAYMENT, Ids.EVENT, Ids.WEBHOOK, Ids.REQUEST, Ids.CUSTOMER, ""})
    void anIdIsItsPrefixThen21UrlSafeCharacters(String prefix) {
        String id = Ids.next(prefix);

        assertTrue(id.startsWith(prefix), id);
        assertEquals(prefix.length() + 21, id.length(), id);
        assertTrue(BODY.matcher(id.substring(prefix.length())).matches(), id);
        assertTrue(Ids.looksLike(prefix, id), id);
    }

    @Test
    void tenThousandIdsAreAllDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(Ids.next(Ids.INTENT)), "duplicate id after " + i);
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void everyCharacterOfTheAlphabetIsUsedAndNoOther() {
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            for (char c : Ids.next("").toCharArray()) {
                used.add(c);
            }
        }
        // 210 000 draws from 64 symbols: a missing symbol would mean a biased or truncated mapping
        Set<Character> alphabet = new HashSet<>();
        for (char c : ALPHABET.toCharArray()) {
            alphabet.add(c);
        }
        assertEquals(alphabet, used);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "pi_AAAAAAAAAAAAAAAAAAAAA",   // 21 × A
            "pi_zzzzzzzzzzzzzzzzzzzzz",
            "pi_0123456789-_abcdXYZ9q",
            "pi_---------------------",
            "pi______________________"})
    void looksLikeAcceptsWellFormedIds(String id) {
        assertTrue(Ids.looksLike(Ids.INTENT, id), id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "pi_",                           // no body
            "pi_AAAAAAAAAAAAAAAAAAAA",       // 20 characters
            "pi_AAAAAAAAAAAAAAAAAAAAAA",     // 22 characters
            "pay_AAAAAAAAAAAAAAAAAAAA",      // other prefix, same total length
            "PI_AAAAAAAAAAAAAAAAAAAAA",      // prefix is case-sensitive
            "xx_AAAAAAAAAAAAAAAAAAAAA",
            "pi_AAAAAAAAAAAAAAAAAAAA+",      // base64 characters that are not URL-safe
            "pi_AAAAAAAAAAAAAAAAAAAA/",
            "pi_AAAAAAAAAAAAAAAAAAAA=",
            "pi_AAAAAAAAAA AAAAAAAAAA",
            "pi_AAAAAAAAAAAAAAAAAAAA.",
            "pi_AAAAAAAAAAAAAAAAAAAAé",
            "pi_AAAAAAAAAAAAAAAAAAAA\n",
            "pi_AAAAAAAAAA%00AAAAAAAA",
            "pi_../../../etc/passwd00"})
    void looksLikeRejectsAnythingElse(String value) {
        assertFalse(Ids.looksLike(Ids.INTENT, value), String.valueOf(value));
    }

    @Test
    void anIdOfOneTypeDoesNotLookLikeAnotherType() {
        assertFalse(Ids.looksLike(Ids.PAYMENT, Ids.next(Ids.INTENT)));
        assertFalse(Ids.looksLike(Ids.INTENT, Ids.next(Ids.PAYMENT)));
        assertFalse(Ids.looksLike(Ids.INTENT, Ids.next("")));
    }

}
