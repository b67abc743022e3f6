package io.cauri.web.json;

import io.cauri.web.error.ApiException;
import io.cauri.web.error.ErrorCode;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request body reader, on the same Micronaut serde JsonMapper the functions get injected. */
class JsonBodyTest {

    private static final JsonMapper MAPPER = JsonMapper.createDefault();

    private static JsonBody body(String json) {
        return JsonBody.parse(MAPPER, json);
    }

    private static ApiException refused(Executable call) {
        return assertThrows(ApiException.class, call);
    }

    private static void assertRefused(ApiException e, String code, String param) {
        assertEquals(400, e.status());
        assertEquals(code, e.code());
        assertEquals(param, e.param());
    }

    // ---- the body as a whole ----

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n", "null", "[]", "[{}]", "\"text\"", "42", "true"})
    void aBodyThatIsNotAJsonObjectIsRefused(String json) {
        assertRefused(refused(() -> body(json)), ErrorCode.INVALID_JSON, null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{", "{\"amount\":}", "{'amount':1}", "{amount:1}", "{\"amount\":1,}", "{\"a\":NaN}",
            "{\"amount\":01}", "<xml/>", "{\"amount\":1} x", "{\"amount\":1}{\"amount\":2}", "{}]"})
    void malformedJsonIsRefused(String json) {
        assertRefused(refused(() -> body(json)), ErrorCode.INVALID_JSON, null);
    }

    @Test
    void anObjectWithSurroundingWhitespaceIsAccepted() {
        assertEquals(Optional.of("x"), body(" \n\t{\"a\":\"x\"}\r\n ").optionalString("a"));
    }

    // ---- integers ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {1, 100, 2_147_483_647L, 2_147_483_648L, Long.MAX_VALUE, 0, -1, Long.MIN_VALUE})
    void everyLongIsReadExactly(long value) {
        assertEquals(value, body("{\"amount\":" + value + "}").requiredInteger("amount"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "9223372036854775808",      // 2^63 = Long.MAX_VALUE + 1
            "-9223372036854775809",     // -2^63 - 1
            "18446744073709551616",     // 2^64
            "100000000000000000000000000000"})
    void integersBeyondLongAreRefused(String value) {
        assertRefused(refused(() -> body("{\"amount\":" + value + "}").requiredInteger("amount")),
                ErrorCode.INVALID_PARAMETER, "amount");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.0", "1.5", "1e3", "1E3", "1e-3", "0.0", "100.00", "1E400", "-1.0"})
    void decimalsAndExponentsAreRefusedEvenWhenWhole(String value) {
        assertRefused(refused(() -> body("{\"amount\":" + value + "}").requiredInteger("amount")),
                ErrorCode.INVALID_PARAMETER, "amount");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"100\"", "true", "{}", "[100]", "\"\""})
    void nonNumbersAreRefusedAsIntegers(String value) {
        ApiException e = refused(() -> body("{\"amount\":" + value + "}").requiredInteger("amount"));

        assertRefused(e, ErrorCode.INVALID_PARAMETER, "amount");
        assertEquals("amount must be an integer.", e.getMessage());
    }

    @Test
    void aMissingOrNullIntegerIsMissing() {
        assertRefused(refused(() -> body("{}").requiredInteger("amount")), ErrorCode.MISSING_PARAMETER, "amount");
        assertRefused(refused(() -> body("{\"amount\":null}").requiredInteger("amount")),
                ErrorCode.MISSING_PARAMETER, "amount");
    }

    // ---- strings ----

    @Test
    void stringsAreReadAsTheyAre() {
        JsonBody b = body("{\"a\":\"\",\"b\":\" x \",\"c\":\"é\\u00e9\\n\"}");

        assertEquals("", b.requiredString("a"));
        assertEquals(" x ", b.requiredString("b"));
        assertEquals(Optional.of("éé\n"), b.optionalString("c"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1", "1.5", "true", "{}", "[\"x\"]"})
    void nonStringsAreRefusedAsStrings(String value) {
        assertRefused(refused(() -> body("{\"ref\":" + value + "}").optionalString("ref")),
                ErrorCode.INVALID_PARAMETER, "ref");
        assertRefused(refused(() -> body("{\"ref\":" + value + "}").requiredString("ref")),
                ErrorCode.INVALID_PARAMETER, "ref");
    }

    @Test
    void aMissingOrNullStringIsAbsent() {
        assertEquals(Optional.empty(), body("{}").optionalString("ref"));
        assertEquals(Optional.empty(), body("{\"ref\":null}").optionalString("ref"));
        assertRefused(refused(() -> body("{\"ref\":null}").requiredString("ref")), ErrorCode.MISSING_PARAMETER, "ref");
        assertFalse(body("{\"ref\":null}").has("ref"));
        assertFalse(body("{}").has("ref"));
        assertTrue(body("{\"ref\":\"\"}").has("ref"));
    }

    @Test
    void fieldNamesAreCaseSensitive() {
        assertEquals(Optional.empty(), body("{\"Amount\":5}").optionalString("amount"));
        assertRefused(refused(() -> body("{\"Amount\":5}").requiredInteger("amount")),
                ErrorCode.MISSING_PARAMETER, "amount");
    }

    // ---- nested objects name their path ----

    @Test
    void nestedFieldsReportTheirFullPath() {
        JsonBody mobileMoney = body("{\"mobileMoney\":{\"msisdn\":42,\"otp\":\"1234\",\"device\":{\"id\":7}}}")
                .optionalObject("mobileMoney").orElseThrow();

        assertEquals(Optional.of("1234"), mobileMoney.optionalString("otp"));
        assertEquals("mobileMoney.msisdn", mobileMoney.path("msisdn"));
        assertRefused(refused(() -> mobileMoney.requiredString("msisdn")),
                ErrorCode.INVALID_PARAMETER, "mobileMoney.msisdn");
        assertRefused(refused(() -> mobileMoney.requiredString("onSuccessRedirectionUrl")),
                ErrorCode.MISSING_PARAMETER, "mobileMoney.onSuccessRedirectionUrl");
        JsonBody device = mobileMoney.optionalObject("device").orElseThrow();
        assertRefused(refused(() -> device.requiredString("id")), ErrorCode.INVALID_PARAMETER, "mobileMoney.device.id");
        assertEquals("mobileMoney.msisdn must be a string.", refused(() -> mobileMoney.requiredString("msisdn"))
                .getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"x\"", "1", "true", "[]", "[{}]"})
    void aNonObjectWhereAnObjectBelongsIsRefused(String value) {
        ApiException e = refused(() -> body("{\"mobileMoney\":" + value + "}").optionalObject("mobileMoney"));

        assertRefused(e, ErrorCode.INVALID_PARAMETER, "mobileMoney");
        assertEquals("mobileMoney must be an object.", e.getMessage());
    }

    @Test
    void aMissingOrNullObjectIsAbsent() {
        assertEquals(Optional.empty(), body("{}").optionalObject("mobileMoney"));
        assertEquals(Optional.empty(), body("{\"mobileMoney\":null}").optionalObject("mobileMoney"));
    }

    @org.junit.jupiter.api.Test
    void aBodyNestedThousandsDeepIs400NotAStackOverflow() {
        for (String open : new String[]{"[", "{\"a\":"}) {
            String deep = open.repeat(5000) + "1" + (open.equals("[") ? "]" : "}").repeat(5000);
            ApiException e = refused(() -> body(deep));
            assertEquals(400, e.status());
            assertEquals(ErrorCode.INVALID_JSON, e.code());
        }
        String deepInside = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
        assertEquals(ErrorCode.INVALID_JSON, refused(() -> body(deepInside)).code());
        assertTrue(body("{\"a\":{\"b\":[{\"c\":1}]}}").has("a"));
    }

    // ---- nesting, counted before any JSON reader ----

    @Test
    void nestingIsCountedOnTheRawTextOutsideStrings() {
        assertFalse(JsonBody.nestsDeeperThan("{\"a\":[{\"b\":1}]}", 3));
        assertTrue(JsonBody.nestsDeeperThan("{\"a\":[{\"b\":[1]}]}", 3));
        assertFalse(JsonBody.nestsDeeperThan("[]".repeat(1000), 1), "siblings are not nesting");
        assertFalse(JsonBody.nestsDeeperThan("{\"a\":\"[[[[[{{{{\"}", 1), "brackets inside a string");
        assertFalse(JsonBody.nestsDeeperThan("{\"a\":\"\\\"[[[[\"}", 1), "an escaped quote does not end the string");
        assertTrue(JsonBody.nestsDeeperThan("[".repeat(5000), 32), "unclosed still counts");
        assertFalse(JsonBody.nestsDeeperThan("amount=5&currency=XOF", 0), "not JSON, no brackets");
        assertTrue(JsonBody.nestsDeeperThan("]".repeat(100) + "[".repeat(33), 32), "stray closers do not offset depth");
    }
}
