package io.cauri.wire.hub2;

import io.cauri.intent.Currency;
import io.cauri.transfer.Destination;
import io.cauri.transfer.NewTransfer;
import io.cauri.web.error.ApiException;
import io.cauri.web.json.Fields;
import io.cauri.web.json.JsonBody;

/**
 * {@code POST /transfers} body as HUB2 documents it: {@code reference} (letters, digits, {@code -_. }),
 * {@code amount} (minor units), {@code currency}, {@code description}, {@code destination} {@code {type:
 * mobile_money, country, recipientName, msisdn, provider}}. Checked here, once; whether the country and provider
 * pay out, and whether the balance covers it, is the domain's question.
 */
public record Hub2TransferRequest(String reference, long amount, Currency currency, String description,
                                  Destination destination) {

    public static Hub2TransferRequest parse(JsonBody body) {
        String reference = Fields.reference("reference", body.requiredString("reference"));
        long amount = Fields.positiveAmount("amount", body.requiredInteger("amount"));
        Currency currency = Fields.currency("currency", body.requiredString("currency"));
        String description = body.optionalString("description")
                .map(d -> Fields.label("description", d, 255)).orElse(null);
        JsonBody to = body.optionalObject("destination").orElseThrow(() -> ApiException.missing("destination"));
        String type = to.requiredString("type");
        if (!Destination.MOBILE_MONEY.equals(type)) {
            throw ApiException.invalid(to.path("type"), to.path("type") + " must be mobile_money.");
        }
        Destination destination = new Destination(Destination.MOBILE_MONEY,
                Fields.country(to.path("country"), to.requiredString("country")),
                Fields.label(to.path("recipientName"), to.requiredString("recipientName"), 100),
                Fields.msisdn(to.path("msisdn"), to.requiredString("msisdn")),
                Fields.provider(to.path("provider"), to.requiredString("provider")));
        return new Hub2TransferRequest(reference, amount, currency, description, destination);
    }

    public NewTransfer toNewTransfer() {
        return new NewTransfer(reference, amount, currency, description, destination);
    }
}
