package io.cauri.wire.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cauri.ledger.LedgerTransaction;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * A v1 balance transaction (Stripe's shape; docs/CONTRACT.md, statements): one movement of the merchant's books.
 * {@code amount} is its effect on the merchant's money before fees, signed ({@code net} + {@code fee}: a payment's
 * payer total is positive, a refund's or payout's reservation negative, a failed one's return positive, a settled
 * one's zero: the money had already left available at its reservation); {@code net} what it did to available and
 * pending together; {@code type} its kind; {@code source} the payment, refund or payout that caused it;
 * {@code status} {@code pending} until {@code available_on}, then {@code available}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record V1BalanceTransaction(String id, String object, long amount, long fee, long net, String currency,
                                   String type, String source, long created,
                                   @JsonProperty("available_on") long availableOn, String status) {

    public static V1BalanceTransaction of(LedgerTransaction t, Instant now) {
        Instant availableOn = t.availableOn() == null ? t.createdAt() : t.availableOn();
        return new V1BalanceTransaction(t.id(), "balance_transaction", Math.addExact(t.net(), t.fee()), t.fee(),
                t.net(), t.currency().name(), t.kind().wire(), t.sourceId(), t.createdAt().getEpochSecond(),
                availableOn.getEpochSecond(), availableOn.isAfter(now) ? "pending" : "available");
    }

    /** A v1 list of balance transactions: {@code {object: "list", data, has_more, url}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(String object, List<V1BalanceTransaction> data, @JsonProperty("has_more") boolean hasMore,
                       String url) {
        public static Page of(List<V1BalanceTransaction> data, boolean hasMore) {
            return new Page("list", data, hasMore, "/api/v1/balance_transactions");
        }
    }
}
