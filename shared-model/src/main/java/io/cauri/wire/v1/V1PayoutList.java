package io.cauri.wire.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A v1 list of payouts: {@code {object: "list", data, has_more, url}}. */
@Serdeable
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record V1PayoutList(String object, List<V1Payout> data, @JsonProperty("has_more") boolean hasMore, String url) {
    public static V1PayoutList of(List<V1Payout> data, boolean hasMore) {
        return new V1PayoutList("list", data, hasMore, "/api/v1/payouts");
    }
}
