package io.cauri.wire.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cauri.intent.Failure;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.NextAction;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/**
 * The v1 family's PaymentIntent (docs/CONTRACT.md §7, Stripe-like): snake_case, {@code object}, {@code created} in
 * Unix seconds, {@code livemode}, Stripe status names. The one place where the domain becomes v1 JSON;
 * absent values are {@code null}, as Stripe shows them.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record V1PaymentIntent(
        String id,
        String object,
        long created,
        boolean livemode,
        long amount,
        String currency,
        String status,
        @Nullable String description,
        Map<String, String> metadata,
        @JsonProperty("next_action") @Nullable V1NextAction nextAction,
        @Nullable String customer,
        @JsonProperty("transaction_country") @Nullable String transactionCountry,
        @JsonProperty("payer_country") @Nullable String payerCountry,
        @JsonProperty("rail_country") @Nullable String railCountry,
        @JsonProperty("last_payment_error") @Nullable V1PaymentError lastPaymentError) {

    public static V1PaymentIntent of(PaymentIntent i) {
        var d = i.details();
        return new V1PaymentIntent(i.id(), "payment_intent", i.createdAt().getEpochSecond(), i.mode() == Mode.LIVE,
                i.amount(), i.currency().name(), status(i.status()), d.description(), V1Metadata.visible(d.metadata()),
                V1NextAction.of(i.nextAction()), d.customerId(), d.transactionCountry(), d.payerCountry(),
                d.railCountry(), V1PaymentError.of(i.lastPaymentFailure()));
    }

    /** HUB2 status → v1 (Stripe) status name. */
    public static String status(IntentStatus status) {
        return switch (status) {
            case PAYMENT_REQUIRED -> "requires_payment_method";
            case ACTION_REQUIRED -> "requires_action";
            case PROCESSING -> "processing";
            case SUCCESSFUL -> "succeeded";
            case CANCELED -> "canceled";
        };
    }

    /** What the payer must do: {@code otp}, {@code ussd}, or {@code redirect_to_url} with its URL. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record V1NextAction(String type, @Schema(requiredMode = NOT_REQUIRED) String message,
                               @JsonProperty("redirect_to_url") @Schema(requiredMode = NOT_REQUIRED) RedirectToUrl redirectToUrl) {
        static V1NextAction of(NextAction a) {
            if (a == null) {
                return null;
            }
            return switch (a.type()) {
                case OTP -> new V1NextAction("otp", a.message(), null);
                case USSD -> new V1NextAction("ussd", a.message(), null);
                case REDIRECTION -> new V1NextAction("redirect_to_url", a.message(),
                        new RedirectToUrl(a.data() == null ? null : a.data().url()));
            };
        }
    }

    @Serdeable
    public record RedirectToUrl(@Nullable String url) {
    }

    @Serdeable
    public record V1PaymentError(String code, @Nullable String message) {
        static V1PaymentError of(Failure f) {
            return f == null ? null : new V1PaymentError(f.code().wire(), f.message());
        }
    }
}
