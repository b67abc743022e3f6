package io.cauri.wire.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A v1 list: {@code {object: "list", data, has_more, url}}. */
@Serdeable
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record V1List(String object, List<V1PaymentIntent> data, @JsonProperty("has_more") boolean hasMore, String url) {
    public static V1List of(List<V1PaymentIntent> data, boolean hasMore, String url) {
        return new V1List("list", data, hasMore, url);
    }
}
