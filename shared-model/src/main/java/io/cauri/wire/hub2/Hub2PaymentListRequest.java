package io.cauri.wire.hub2;

import io.cauri.id.Ids;
import io.cauri.payment.PaymentAttempts.PaymentQuery;
import io.cauri.intent.PaymentStatus;
import io.cauri.web.error.ApiException;
import io.micronaut.http.HttpParameters;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /payments} query: {@code intentId}, {@code status} filters plus {@link Hub2Paging}. */
public record Hub2PaymentListRequest(String intentId, PaymentStatus status, Hub2Paging paging) {

    public static Hub2PaymentListRequest parse(HttpParameters query, Instant now) {
        String intentId = Hub2Paging.optional(query, "intentId");
        if (intentId != null && !Ids.looksLike(Ids.INTENT, intentId)) {
            throw ApiException.invalid("intentId", "intentId must be a payment intent id (pi_…).");
        }
        String statusName = Hub2Paging.optional(query, "status");
        PaymentStatus status = null;
        if (statusName != null) {
            for (PaymentStatus s : PaymentStatus.values()) {
                if (s.wire().equals(statusName)) {
                    status = s;
                }
            }
            if (status == null) {
                throw ApiException.invalid("status", "status must be processing, action_required, successful or failed.");
            }
        }
        return new Hub2PaymentListRequest(intentId, status, Hub2Paging.parse(query, now));
    }

    public PaymentQuery toQuery() {
        return new PaymentQuery(paging.from(), paging.to(), intentId, status, paging.offset(), paging.perPage());
    }

    public Map<String, String> headers(String path, long total) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (intentId != null) {
            filters.put("intentId", intentId);
        }
        if (status != null) {
            filters.put("status", status.wire());
        }
        return paging.headers(path, total, filters);
    }
}
