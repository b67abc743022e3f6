package io.cauri.wire.hub2;

import io.cauri.id.Ids;
import io.cauri.refund.RefundStatus;
import io.cauri.transfer.TransferStatus;
import io.cauri.web.error.ApiException;
import io.cauri.web.json.Fields;
import io.micronaut.http.HttpParameters;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /transfers} and {@code GET /refunds} queries: {@link Hub2Paging} (range, page, perPage) plus the
 * list's filters — transfers by {@code reference} and {@code status}, refunds by {@code paymentIntentId} and
 * {@code status}. {@code filter} is the one filter besides status (null when absent).
 */
public record Hub2MoneyOutListRequest(String filterName, String filter, String status, Hub2Paging paging) {

    public static Hub2MoneyOutListRequest transfers(HttpParameters query, Instant now) {
        String reference = Hub2Paging.optional(query, "reference");
        String status = Hub2Paging.optional(query, "status");
        if (status != null && TransferStatus.fromWire(status).isEmpty()) {
            throw ApiException.invalid("status", "status must be pending, successful or failed.");
        }
        return new Hub2MoneyOutListRequest("reference",
                reference == null ? null : Fields.reference("reference", reference), status,
                Hub2Paging.parse(query, now));
    }

    public static Hub2MoneyOutListRequest refunds(HttpParameters query, Instant now) {
        String intent = Hub2Paging.optional(query, "paymentIntentId");
        if (intent != null && !Ids.looksLike(Ids.INTENT, intent)) {
            throw ApiException.invalid("paymentIntentId", "paymentIntentId must be a payment intent id (pi_…).");
        }
        String status = Hub2Paging.optional(query, "status");
        if (status != null && RefundStatus.fromWire(status).isEmpty()) {
            throw ApiException.invalid("status", "status must be pending, succeeded or failed.");
        }
        return new Hub2MoneyOutListRequest("paymentIntentId", intent, status, Hub2Paging.parse(query, now));
    }

    public Map<String, String> headers(String path, long total) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (filter != null) {
            filters.put(filterName, filter);
        }
        if (status != null) {
            filters.put("status", status);
        }
        return paging.headers(path, total, filters);
    }
}
