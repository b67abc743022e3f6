package io.cauri.wire.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cauri.merchant.Mode;
import io.cauri.refund.Refund;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * A refund in the v1 family (Stripe's Refund): snake_case, {@code object: "refund"}, {@code created} in Unix
 * seconds, status {@code pending}, {@code succeeded} or {@code failed}, {@code failure_reason} when failed; the
 * payment refunded is {@code payment_intent} and its attempt {@code payment}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record V1Refund(String id, String object, long created, boolean livemode, long amount, String currency,
                       String status, @JsonProperty("payment_intent") @Nullable String paymentIntent, String payment,
                       @Nullable String reason, Map<String, String> metadata,
                       @JsonProperty("failure_reason") @Nullable String failureReason) {

    public static V1Refund of(Refund r) {
        return new V1Refund(r.id(), "refund", r.createdAt().getEpochSecond(), r.mode() == Mode.LIVE, r.amount(),
                r.currency().name(), r.status().wire(), r.intentId(), r.paymentId(), r.reason(),
                V1Metadata.visible(r.metadata()), r.failureCode());
    }
}
