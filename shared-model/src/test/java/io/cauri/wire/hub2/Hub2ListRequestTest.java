package io.cauri.wire.hub2;

import io.cauri.intent.IntentRepository;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.web.error.ApiException;
import io.cauri.web.error.ErrorCode;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.simple.SimpleHttpParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Hub2ListRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");

    private static HttpParameters query(String... nameValue) {
        Map<CharSequence, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            values.put(nameValue[i], List.of(nameValue[i + 1]));
        }
        return new SimpleHttpParameters(values, ConversionService.SHARED);
    }

    private static ApiException refused(String param, String... nameValue) {
        ApiException e = assertThrows(ApiException.class, () -> Hub2ListRequest.parse(query(nameValue), NOW));
        assertEquals(400, e.status());
        assertEquals(ErrorCode.INVALID_PARAMETER, e.code());
        assertEquals(param, e.param());
        return e;
    }

    @Test
    void withoutParametersItIsThisMonthUpToNowFirstPageOfTen() {
        Hub2ListRequest request = Hub2ListRequest.parse(query(), NOW);

        assertEquals(new Hub2ListRequest(null, null, new Hub2Paging(Instant.parse("2026-11-01T00:00:00Z"), NOW, 1, 10)), request);
    }

    @Test
    void theDefaultMonthIsTheUtcMonth() {
        // 00:30 on the 1st in UTC+1 is still the previous month in UTC
        Instant now = Instant.parse("2026-11-30T23:30:00Z");

        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), Hub2ListRequest.parse(query(), now).paging().from());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"),
                Hub2ListRequest.parse(query(), Instant.parse("2026-12-01T00:00:00Z")).paging().from());
    }

    @Test
    void everyParameterIsRead() {
        Hub2ListRequest request = Hub2ListRequest.parse(query(
                "customerReference", "cust 7", "purchaseReference", "order-1.A",
                "from", "2026-10-01T01:00:00+01:00", "to", "2026-11-02T00:00:00.5Z",
                "page", "3", "perPage", "100"), NOW);

        assertEquals(new Hub2ListRequest("cust 7", "order-1.A", new Hub2Paging(Instant.parse("2026-10-01T00:00:00Z"),
                Instant.parse("2026-11-02T00:00:00.500Z"), 3, 100)), request);
        assertEquals(new IntentRepository.Query("m_1", Mode.LIVE, request.paging().from(), request.paging().to(), "cust 7",
                "order-1.A", 3, 100), request.toQuery(Caller.server("m_1", Mode.LIVE)));
    }

    @Test
    void emptyValuesMeanAbsent() {
        assertEquals(Hub2ListRequest.parse(query(), NOW), Hub2ListRequest.parse(query(
                "customerReference", "", "purchaseReference", "", "from", "", "to", "", "page", "", "perPage", ""),
                NOW));
    }

    @Test
    void fromMayEqualToButNotFollowIt() {
        assertEquals(NOW, Hub2ListRequest.parse(query("from", "2026-11-21T10:15:30.123Z"), NOW).paging().from());
        refused("from", "from", "2026-11-21T10:15:30.124Z");
        refused("from", "from", "2026-11-10T00:00:00Z", "to", "2026-11-09T23:59:59.999Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-01", "2026-11-01T00:00:00", "1700000000"})
    void badTimesAreRefusedNamingTheParameter(String value) {
        refused("from", "from", value);
        refused("to", "to", value);
    }

    @ParameterizedTest(name = "page={0}")
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "1e2", "2147483648", " 1"})
    void badPagesAreRefused(String value) {
        refused("page", "page", value);
    }

    @Test
    void thePageMayBeAsLargeAsAnInt() {
        assertEquals(Integer.MAX_VALUE, Hub2ListRequest.parse(query("page", "2147483647"), NOW).paging().page());
    }

    @ParameterizedTest(name = "perPage={0}")
    @CsvSource({"0", "101", "-5", "ten", "1000"})
    void perPageOutsideOneToHundredIsRefused(String value) {
        ApiException e = refused("perPage", "perPage", value);
        assertEquals("perPage must be an integer from 1 to 100.", e.getMessage());
    }

    @Test
    void referencesFollowTheReferenceRule() {
        refused("customerReference", "customerReference", "cust#7");
        refused("purchaseReference", "purchaseReference", "x".repeat(65));
    }

    // ---- Link header ----

    private static Hub2ListRequest page(int page, int perPage) {
        return new Hub2ListRequest(null, null, new Hub2Paging(Instant.parse("2026-11-01T00:00:00Z"), NOW, page, perPage));
    }

    private static String link(int page, int perPage, String rel) {
        return "</payment-intents?from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-21T10%3A15%3A30.123Z&page=" + page
                + "&perPage=" + perPage + ">; rel=\"" + rel + "\"";
    }

    @Test
    void theMiddlePageLinksToFirstPrevNextLast() {
        assertEquals(String.join(", ", link(1, 2, "first"), link(1, 2, "prev"), link(3, 2, "next"), link(3, 2, "last")),
                page(2, 2).headers("/payment-intents", 5).get("Link"));
    }

    @Test
    void theFirstPageHasNoPrevAndTheLastNoNext() {
        assertEquals(String.join(", ", link(1, 2, "first"), link(2, 2, "next"), link(3, 2, "last")),
                page(1, 2).headers("/payment-intents", 5).get("Link"));
        assertEquals(String.join(", ", link(1, 2, "first"), link(2, 2, "prev"), link(3, 2, "last")),
                page(3, 2).headers("/payment-intents", 5).get("Link"));
    }

    @Test
    void noResultsIsOneEmptyPage() {
        assertEquals(String.join(", ", link(1, 10, "first"), link(1, 10, "last")),
                page(1, 10).headers("/payment-intents", 0).get("Link"));
    }

    @Test
    void aPageBeyondTheLastLinksBackToTheLast() {
        assertEquals(String.join(", ", link(1, 2, "first"), link(3, 2, "prev"), link(3, 2, "last")),
                page(9, 2).headers("/payment-intents", 5).get("Link"));
    }

    @Test
    void linksKeepTheFiltersUrlEncoded() {
        Hub2ListRequest request = new Hub2ListRequest("cust 7", "a.b_c-d", new Hub2Paging(Instant.parse("2026-11-01T00:00:00Z"), NOW, 1, 10));

        assertEquals("</payment-intents?customerReference=cust+7&purchaseReference=a.b_c-d"
                        + "&from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-21T10%3A15%3A30.123Z&page=1&perPage=10>; "
                        + "rel=\"first\"",
                request.headers("/payment-intents", 3).get("Link").split(", ")[0]);
    }
}
