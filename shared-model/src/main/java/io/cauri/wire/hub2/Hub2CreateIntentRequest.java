package io.cauri.wire.hub2;

import io.cauri.payment.IntentLifecycle.NewIntent;
import io.cauri.web.json.Fields;
import io.cauri.web.json.JsonBody;

/** {@code POST /payment-intents} body (docs/CONTRACT.md §3), validated here, once, into the domain's {@link NewIntent}. */
public final class Hub2CreateIntentRequest {

    private Hub2CreateIntentRequest() {
    }

    public static NewIntent parse(JsonBody body) {
        String customerReference = Fields.reference("customerReference", body.requiredString("customerReference"));
        String purchaseReference = Fields.reference("purchaseReference", body.requiredString("purchaseReference"));
        long amount = Fields.positiveAmount("amount", body.requiredInteger("amount"));
        var currency = Fields.currency("currency", body.requiredString("currency"));
        String businessName = body.optionalString("overrideBusinessName")
                .map(v -> Fields.label("overrideBusinessName", v, 64)).orElse(null);
        return new NewIntent(purchaseReference, customerReference, amount, currency, businessName);
    }
}
