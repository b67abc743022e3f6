package io.cauri.wire.hub2;

import io.cauri.intent.IntentRepository;
import io.cauri.merchant.Caller;
import io.cauri.web.json.Fields;
import io.micronaut.http.HttpParameters;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /payment-intents} query: reference filters plus {@link Hub2Paging}. */
public record Hub2ListRequest(String customerReference, String purchaseReference, Hub2Paging paging) {

    public static Hub2ListRequest parse(HttpParameters query, Instant now) {
        String customer = Hub2Paging.optional(query, "customerReference");
        String purchase = Hub2Paging.optional(query, "purchaseReference");
        Hub2Paging paging = Hub2Paging.parse(query, now);
        return new Hub2ListRequest(
                customer == null ? null : Fields.reference("customerReference", customer),
                purchase == null ? null : Fields.reference("purchaseReference", purchase),
                paging);
    }

    public IntentRepository.Query toQuery(Caller caller) {
        return new IntentRepository.Query(caller.merchantId(), caller.mode(), paging.from(), paging.to(),
                customerReference, purchaseReference, paging.page(), paging.perPage());
    }

    public Map<String, String> headers(String path, long total) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (customerReference != null) {
            filters.put("customerReference", customerReference);
        }
        if (purchaseReference != null) {
            filters.put("purchaseReference", purchaseReference);
        }
        return paging.headers(path, total, filters);
    }
}
