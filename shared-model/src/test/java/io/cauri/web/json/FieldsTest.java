package io.cauri.web.json;

import io.cauri.intent.Currency;
import io.cauri.web.error.ApiException;
import io.cauri.web.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FieldsTest {

    private static void assertInvalid(String param, ApiException e) {
        assertEquals(400, e.status());
        assertEquals(ErrorCode.INVALID_PARAMETER, e.code());
        assertEquals(param, e.param());
    }

    // ---- references: ^[A-Za-z0-9\-_. ]{1,64}$ ----

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a", "Z", "0", "-", "_", ".", " ", "cust_01924059", "ref_2020_11_10_001",
            "Commande 42.A_b-c", "   ", "...", "order.2026-11-21 10_15",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})   // 64
    void referencesOfLettersDigitsDashUnderscoreDotAndSpaceAreAccepted(String value) {
        assertEquals(value, Fields.reference("purchaseReference", value));
    }

    @Test
    void aReferenceOf64CharactersIsAcceptedAnd65Refused() {
        assertEquals("x".repeat(64), Fields.reference("customerReference", "x".repeat(64)));
        assertInvalid("customerReference",
                assertThrows(ApiException.class, () -> Fields.reference("customerReference", "x".repeat(65))));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "é", "café", "Ünïcödé", "order#1", "a/b", "a\\b", "a+b", "a@b", "a:b", "a,b",
            "a\tb", "a\nb", "ref\n", "\n", "a\u00a0b", "a\u2013b", "١٢٣", "ｆｕｌｌ", "a'b", "a\"b", "<script>",
            "a%20b", "a*", "(a)", "a\u0000b"})
    void anyOtherCharacterIsRefused(String value) {
        ApiException e = assertThrows(ApiException.class, () -> Fields.reference("purchaseReference", value));

        assertInvalid("purchaseReference", e);
        assertEquals("purchaseReference must be 1 to 64 letters, digits, '-', '_', '.' or spaces.", e.getMessage());
    }

    // ---- amounts ----

    @ParameterizedTest
    @ValueSource(longs = {1, 100, Long.MAX_VALUE})
    void positiveAmountsAreAccepted(long amount) {
        assertEquals(amount, Fields.positiveAmount("amount", amount));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void zeroAndNegativeAmountsAreRefused(long amount) {
        assertInvalid("amount", assertThrows(ApiException.class, () -> Fields.positiveAmount("amount", amount)));
    }

    // ---- currencies ----

    @ParameterizedTest
    @ValueSource(strings = {"XOF", "XAF", "GNF"})
    void theThreeSettledCurrenciesAreAccepted(String code) {
        assertEquals(Currency.valueOf(code), Fields.currency("currency", code));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"xof", "Xof", "xOF", "gnf", "", "XO", "XOFF", " XOF", "XOF ", "X0F", "952", "ÉUR"})
    void aCodeThatIsNotThreeUppercaseLettersIsAnInvalidParameter(String code) {
        ApiException e = assertThrows(ApiException.class, () -> Fields.currency("currency", code));

        assertInvalid("currency", e);
        assertEquals("currency must be a three-letter uppercase ISO 4217 code.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"USD", "EUR", "NGN", "GHS", "XXX", "ABC"})
    void aWellFormedButUnsettledCodeIsAnUnsupportedCurrency(String code) {
        ApiException e = assertThrows(ApiException.class, () -> Fields.currency("currency", code));

        assertEquals(400, e.status());
        assertEquals(ErrorCode.UNSUPPORTED_CURRENCY, e.code());
        assertEquals("currency", e.param());
    }

    // ---- labels (overrideBusinessName) ----

    @Test
    void aLabelIsOneToMaxPrintableCharacters() {
        assertEquals("Boutique Élysée — Abidjan", Fields.label("overrideBusinessName", "Boutique Élysée — Abidjan", 64));
        assertEquals("x".repeat(64), Fields.label("overrideBusinessName", "x".repeat(64), 64));
        for (String bad : new String[]{"", "   ", "x".repeat(65), "a\nb", "a\tb", "a\u0000b", "a\u007fb", "a\u0085b",
                // format and separator characters: a bidi override can make a label read as something else
                "Shop\u202Egnp.exe", "a\u202Db", "a\u2066b\u2069", "a\u200Bb", "a\u200Fb", "a\uFEFFb", "a\u061Cb",
                "a\u2028b", "a\u2029b", "a\uD800b"}) {
            assertInvalid("overrideBusinessName",
                    assertThrows(ApiException.class, () -> Fields.label("overrideBusinessName", bad, 64)));
        }
    }
}
