package io.cauri.web.hub2;

import io.cauri.intent.IntentRepository;
import io.cauri.merchant.Caller;
import io.cauri.time.Timestamps;
import io.cauri.web.ApiException;
import io.cauri.web.Fields;
import io.micronaut.http.HttpParameters;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /payment-intents} query: filters, a time range (default: the 1st of this month, UTC, to now)
 * and offset paging ({@code page} from 1, {@code perPage} 1–100, default 10).
 */
public record Hub2ListRequest(String customerReference, String purchaseReference, Instant from, Instant to,
                              int page, int perPage) {

    public static final int MAX_PER_PAGE = 100;

    public static Hub2ListRequest parse(HttpParameters query, Instant now) {
        String customer = optional(query, "customerReference");
        String purchase = optional(query, "purchaseReference");
        Instant from = instant(query, "from", YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant());
        Instant to = instant(query, "to", now);
        if (from.isAfter(to)) {
            throw ApiException.invalid("from", "from must not be after to.");
        }
        int page = integer(query, "page", 1, 1, Integer.MAX_VALUE);
        int perPage = integer(query, "perPage", 10, 1, MAX_PER_PAGE);
        return new Hub2ListRequest(
                customer == null ? null : Fields.reference("customerReference", customer),
                purchase == null ? null : Fields.reference("purchaseReference", purchase),
                from, to, page, perPage);
    }

    public IntentRepository.Query toQuery(Caller caller) {
        return new IntentRepository.Query(caller.merchantId(), caller.mode(), from, to, customerReference,
                purchaseReference, page, perPage);
    }

    /** RFC 8288 {@code Link} header: first, prev, next, last pages with the same filters. */
    public String linkHeader(String path, long total) {
        long last = Math.max(1, (total + perPage - 1) / perPage);
        StringJoiner links = new StringJoiner(", ");
        links.add(link(path, 1, "first"));
        if (page > 1) {
            links.add(link(path, Math.min(page - 1, last), "prev"));
        }
        if (page < last) {
            links.add(link(path, page + 1, "next"));
        }
        links.add(link(path, last, "last"));
        return links.toString();
    }

    private String link(String path, long toPage, String rel) {
        Map<String, String> params = new LinkedHashMap<>();
        if (customerReference != null) {
            params.put("customerReference", customerReference);
        }
        if (purchaseReference != null) {
            params.put("purchaseReference", purchaseReference);
        }
        params.put("from", Timestamps.format(from));
        params.put("to", Timestamps.format(to));
        params.put("page", Long.toString(toPage));
        params.put("perPage", Integer.toString(perPage));
        StringJoiner query = new StringJoiner("&", path + "?", "");
        params.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return "<" + query + ">; rel=\"" + rel + "\"";
    }

    private static String optional(HttpParameters query, String name) {
        String value = query.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static Instant instant(HttpParameters query, String name, Instant fallback) {
        String value = optional(query, name);
        if (value == null) {
            return fallback;
        }
        return Timestamps.parseLenient(value).orElseThrow(() -> ApiException.invalid(name,
                name + " must be an ISO-8601 date-time, e.g. 2026-11-01T00:00:00.000Z."));
    }

    private static int integer(HttpParameters query, String name, int fallback, int min, int max) {
        String value = optional(query, name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // same answer as out of range
        }
        throw ApiException.invalid(name, name + " must be an integer from " + min + " to "
                + (max == Integer.MAX_VALUE ? "2147483647" : max) + ".");
    }
}
