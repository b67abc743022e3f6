package io.cauri.wire.hub2;

import io.cauri.time.Timestamps;
import io.cauri.web.error.ApiException;
import io.micronaut.http.HttpParameters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * HUB2 list paging, shared by every list route: a time range ({@code from}, {@code to}; default the 1st of
 * this month, UTC, to now) and offset pages ({@code page} from 1, {@code perPage} 1–100, default 10),
 * answered with {@code X-Total-Count}, {@code X-Page}, {@code X-Per-Page} and an RFC 8288 {@code Link}.
 */
public record Hub2Paging(Instant from, Instant to, int page, int perPage) {
    public static final int MAX_PER_PAGE = 100;
    /**
     * The widest {@code from}–{@code to} range a list reads: every intent in the range is read to count
     * {@code X-Total-Count}, so an open range (1970 to 9999) would read a merchant's whole history per request.
     * A quarter and then some; the default range (this month) is well inside.
     */
    public static final java.time.Duration MAX_RANGE = java.time.Duration.ofDays(93);

    public static Hub2Paging parse(HttpParameters query, Instant now) {
        Instant from = instant(query, "from", YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant());
        Instant to = instant(query, "to", now);
        if (from.isAfter(to)) {
            throw ApiException.invalid("from", "from must not be after to.");
        }
        if (java.time.Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw ApiException.invalid("from", "from and to may be at most " + MAX_RANGE.toDays()
                    + " days apart; list a longer period in several ranges.");
        }
        return new Hub2Paging(from, to, integer(query, "page", 1, 1, Integer.MAX_VALUE),
                integer(query, "perPage", 10, 1, MAX_PER_PAGE));
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }

    /** The paging headers of a list answer; {@code filters} are repeated in every link. */
    public Map<String, String> headers(String path, long total, Map<String, String> filters) {
        long last = Math.max(1, (total + perPage - 1) / perPage);
        StringJoiner links = new StringJoiner(", ");
        links.add(link(path, filters, 1, "first"));
        if (page > 1) {
            links.add(link(path, filters, Math.min(page - 1, last), "prev"));
        }
        if (page < last) {
            links.add(link(path, filters, page + 1, "next"));
        }
        links.add(link(path, filters, last, "last"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Total-Count", Long.toString(total));
        headers.put("X-Page", Integer.toString(page));
        headers.put("X-Per-Page", Integer.toString(perPage));
        headers.put("Link", links.toString());
        return headers;
    }

    private String link(String path, Map<String, String> filters, long toPage, String rel) {
        Map<String, String> params = new LinkedHashMap<>(filters);
        params.put("from", Timestamps.format(from));
        params.put("to", Timestamps.format(to));
        params.put("page", Long.toString(toPage));
        params.put("perPage", Integer.toString(perPage));
        StringJoiner query = new StringJoiner("&", path + "?", "");
        params.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return "<" + query + ">; rel=\"" + rel + "\"";
    }

    static String optional(HttpParameters query, String name) {
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
        throw ApiException.invalid(name, name + " must be an integer from " + min + " to " + max + ".");
    }
}
