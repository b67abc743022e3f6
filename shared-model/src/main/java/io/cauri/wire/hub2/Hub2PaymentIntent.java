package io.cauri.wire.hub2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cauri.intent.Failure;
import io.cauri.intent.Fee;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.time.Timestamps;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/**
 * The PaymentIntent as HUB2 shows it (its fields: docs/reference/hub2-retrieve-payment-intent.md): camelCase,
 * ISO-8601 milliseconds, optional fields
 * omitted when empty (NOT_REQUIRED in the OpenAPI document; absent, never null). Built only from the domain record; nothing here is stored.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hub2PaymentIntent(
        String id, String merchantId, String createdAt, String updatedAt, String token, String purchaseReference,
        String customerReference, String status, long amount, String currency, List<Hub2Payment> payments,
        String mode, @Schema(requiredMode = NOT_REQUIRED) Hub2NextAction nextAction,
        @Schema(requiredMode = NOT_REQUIRED) Hub2Failure lastPaymentFailure,
        @Schema(requiredMode = NOT_REQUIRED) String overrideBusinessName) {

    public static Hub2PaymentIntent of(PaymentIntent i, String token) {
        return new Hub2PaymentIntent(i.id(), i.merchantId(), Timestamps.format(i.createdAt()),
                Timestamps.format(i.updatedAt()), token, i.purchaseReference(), i.customerReference(),
                i.status().wire(), i.amount(), i.currency().name(),
                i.payments().stream().map(Hub2Payment::of).toList(), i.mode().wire(),
                Hub2NextAction.of(i.nextAction()), Hub2Failure.of(i.lastPaymentFailure()), i.overrideBusinessName());
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hub2Payment(
            String id, String intentId, String createdAt, String updatedAt, String status, long amount,
            String currency, String method, String country, String provider,
            @Schema(requiredMode = NOT_REQUIRED) String number, @Schema(requiredMode = NOT_REQUIRED) Hub2Failure failure,
            List<Hub2Fee> fees, @Schema(requiredMode = NOT_REQUIRED) Hub2NextAction nextAction,
            @Schema(requiredMode = NOT_REQUIRED) String providerReference,
            @Schema(requiredMode = NOT_REQUIRED) String gatewayId,
            @Schema(requiredMode = NOT_REQUIRED) String onSuccessRedirectionUrl,
            @Schema(requiredMode = NOT_REQUIRED) String onFailedRedirectionUrl) {

        public static Hub2Payment of(Payment p) {
            return new Hub2Payment(p.id(), p.intentId(), Timestamps.format(p.createdAt()),
                    Timestamps.format(p.updatedAt()), p.status().wire(), p.amount(), p.currency().name(), p.method(),
                    p.country(), p.provider(), p.number(), Hub2Failure.of(p.failure()),
                    p.fees().stream().map(Hub2Fee::of).toList(), Hub2NextAction.of(p.nextAction()),
                    p.providerReference(), p.gatewayId(), p.onSuccessRedirectionUrl(), p.onFailedRedirectionUrl());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hub2Fee(String id, BigDecimal rate, String rateType, long amount, String currency,
                          @Schema(requiredMode = NOT_REQUIRED) String label,
                          @Schema(requiredMode = NOT_REQUIRED) List<String> taxes) {
        public static Hub2Fee of(Fee f) {
            return new Hub2Fee(f.id(), f.rate(), f.rateType().wire(), f.amount(), f.currency().name(), f.label(),
                    f.taxes());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hub2NextAction(String type, @Schema(requiredMode = NOT_REQUIRED) String message,
                                 @Schema(requiredMode = NOT_REQUIRED) Hub2ActionData data) {
        static Hub2NextAction of(NextAction a) {
            if (a == null) {
                return null;
            }
            NextAction.Data d = a.data();
            return new Hub2NextAction(a.type().wire(), a.message(),
                    d == null ? null : new Hub2ActionData(d.url(), d.method(), d.headers(), d.data()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hub2ActionData(@Schema(requiredMode = NOT_REQUIRED) String url,
                                 @Schema(requiredMode = NOT_REQUIRED) String method,
                                 @Schema(requiredMode = NOT_REQUIRED) Map<String, String> headers,
                                 @Schema(requiredMode = NOT_REQUIRED) Map<String, String> data) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hub2Failure(String code, @Schema(requiredMode = NOT_REQUIRED) String message,
                              @Schema(requiredMode = NOT_REQUIRED) List<String> params) {
        static Hub2Failure of(Failure f) {
            return f == null ? null : new Hub2Failure(f.code().wire(), f.message(), f.params());
        }
    }
}
