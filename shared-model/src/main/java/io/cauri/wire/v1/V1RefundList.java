package io.cauri.wire.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A v1 list of refunds: {@code {object: "list", data, has_more, url}}. */
@Serdeable
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record V1RefundList(String object, List<V1Refund> data, @JsonProperty("has_more") boolean hasMore, String url) {
    public static V1RefundList of(List<V1Refund> data, boolean hasMore) {
        return new V1RefundList("list", data, hasMore, "/api/v1/refunds");
    }
}
