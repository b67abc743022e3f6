package io.cauri.wire.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cauri.merchant.Mode;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.TransferStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A transfer in the v1 family (Stripe's Payout): snake_case, {@code object: "payout"}, {@code created} in Unix
 * seconds, {@code livemode}, Stripe's status names ({@code pending}, {@code paid}, {@code failed}); the
 * destination is a mobile money wallet in the same shape as a v1 payment method's {@code mobile_money}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record V1Payout(String id, String object, long created, boolean livemode, long amount, String currency,
                       String status, @Nullable String description, @Nullable String reference,
                       V1PayoutDestination destination,
                       @JsonProperty("failure_code") @Nullable String failureCode,
                       @JsonProperty("failure_message") @Nullable String failureMessage) {

    public static V1Payout of(Transfer t) {
        var d = t.destination();
        return new V1Payout(t.id(), "payout", t.createdAt().getEpochSecond(), t.mode() == Mode.LIVE, t.amount(),
                t.currency().name(), status(t.status()), t.description(), t.reference(),
                new V1PayoutDestination(d.type(), new V1PayoutDestination.MobileMoney(d.country(),
                        V1Requests.operatorOf(d.provider()), d.msisdn(), d.recipientName())),
                t.failureCode(), t.failureMessage());
    }

    /** HUB2 transfer status → Stripe payout status. */
    public static String status(TransferStatus status) {
        return switch (status) {
            case PENDING -> "pending";
            case SUCCESSFUL -> "paid";
            case FAILED -> "failed";
        };
    }

    /** {@code {type: "mobile_money", mobile_money: {country, operator, msisdn, recipient_name}}}. */
    @Serdeable
    public record V1PayoutDestination(String type, @JsonProperty("mobile_money") MobileMoney mobileMoney) {
        @Serdeable
        public record MobileMoney(String country, String operator, String msisdn,
                                  @JsonProperty("recipient_name") String recipientName) {
        }
    }
}
