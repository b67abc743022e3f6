package io.cauri.wire.v1;

import io.cauri.intent.IntentDetails;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle.CustomerSpec;
import io.cauri.payment.IntentLifecycle.NewIntent;
import io.cauri.payment.PaymentAttempts.NewPayment;
import io.cauri.provider.PaymentMethod;
import io.cauri.provider.PaymentRoute;
import io.cauri.provider.ProviderCoverage;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.cauri.web.json.Fields;
import io.cauri.web.json.JsonBody;
import io.micronaut.http.HttpParameters;

import java.util.Map;
import java.util.regex.Pattern;

/** The v1 family's request bodies and queries (docs/CONTRACT.md §7), validated here into the domain's commands. */
public final class V1Requests {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,63}");
    private static final Map<String, String> OPERATORS = Map.of(
            "orange_money", "orange", "wave", "wave", "mtn", "mtn", "moov", "moov", "free_money", "free");

    private V1Requests() {
    }

    /** The v1 operator name of a provider ({@code orange} → {@code orange_money}); a provider without one is shown as is. */
    static String operatorOf(String provider) {
        return OPERATORS.entrySet().stream().filter(e -> e.getValue().equals(provider)).map(Map.Entry::getKey)
                .findFirst().orElse(provider);
    }

    /** The provider a v1 operator name stands for, or null. */
    static String providerOf(String operator) {
        return OPERATORS.get(operator);
    }

    /** {@code POST /api/v1/payment-intents}. */
    public record Create(NewIntent intent, IntentDetails details, CustomerSpec customer) {
    }

    public static Create create(JsonBody body, ProviderCoverage coverage) {
        long amount = Fields.positiveAmount("amount", body.requiredInteger("amount"));
        var currency = Fields.currency("currency", body.requiredString("currency"));
        String transactionCountry = coveredCountry(body.requiredString("transaction_country"), "transaction_country", coverage);
        if (coverage.currencyOf(transactionCountry).orElseThrow() != currency) {
            throw ApiException.of(Refusal.UNSUPPORTED_CURRENCY, "Payments in " + transactionCountry + " are in "
                    + coverage.currencyOf(transactionCountry).orElseThrow() + ".", "currency");
        }
        String payerCountry = body.optionalString("payer_country")
                .map(c -> coveredCountry(c, "payer_country", coverage)).orElse(null);
        String railCountry = body.optionalString("rail_country")
                .map(c -> coveredCountry(c, "rail_country", coverage)).orElse(null);
        String description = body.optionalString("description").map(d -> Fields.label("description", d, 1000)).orElse(null);
        Map<String, String> metadata = body.optionalStringMap("metadata").map(m -> V1Metadata.check(m, false)).orElse(Map.of());
        String customer = body.optionalString("customer").orElse(null);
        if (customer != null && !io.cauri.id.Ids.looksLike(io.cauri.id.Ids.CUSTOMER, customer)) {
            throw ApiException.invalid("customer", "customer must be a customer id (cus_…).");
        }
        String email = body.optionalString("customer_email").map(V1Requests::email).orElse(null);
        String phone = body.optionalString("customer_phone").map(p -> Fields.msisdn("customer_phone", p)).orElse(null);
        return new Create(new NewIntent(null, null, amount, currency, null),
                new IntentDetails(description, metadata, null, transactionCountry, payerCountry, railCountry),
                new CustomerSpec(customer, email, phone));
    }

    /** {@code PATCH /api/v1/payment-intents/{id}}: description and metadata changes ("" removes a key). */
    public record Update(String description, Map<String, String> metadata) {
    }

    public static Update update(JsonBody body) {
        String description = body.optionalString("description").map(d -> Fields.label("description", d, 1000)).orElse(null);
        Map<String, String> metadata = body.optionalStringMap("metadata").map(m -> V1Metadata.check(m, true)).orElse(Map.of());
        return new Update(description, metadata);
    }

    /** {@code POST /api/v1/payment-intents/{id}/confirm}, checked against the intent's transaction country. */
    public static NewPayment confirm(JsonBody body, PaymentIntent intent) {
        JsonBody method = body.optionalObject("payment_method").orElseThrow(() -> ApiException.missing("payment_method"));
        String type = method.requiredString("type");
        String returnUrl = body.optionalString("return_url").map(u -> Fields.redirectionUrl("return_url", u)).orElse(null);
        String country = intent.details().transactionCountry();
        switch (type) {
            case "mobile_money" -> {
                JsonBody mm = method.optionalObject("mobile_money")
                        .orElseThrow(() -> ApiException.missing("payment_method.mobile_money"));
                String mmCountry = Fields.country(mm.path("country"), mm.requiredString("country"));
                if (country != null && !country.equals(mmCountry)) {
                    throw ApiException.invalid(mm.path("country"), mm.path("country")
                            + " must equal the payment intent's transaction_country " + country + ".");
                }
                String operatorName = mm.requiredString("operator");
                String provider = OPERATORS.get(operatorName);
                if (provider == null) {
                    throw ApiException.invalid(mm.path("operator"),
                            mm.path("operator") + " must be orange_money, wave, mtn, moov or free_money.");
                }
                String msisdn = Fields.msisdn(mm.path("msisdn"), mm.requiredString("msisdn"));
                // A preference: honoured where the operator offers that flow (coverage.json), else its default.
                PaymentRoute.NextActionFlow preferredFlow = mm.optionalString("preferred_flow").map(f -> switch (f) {
                    case "otp" -> PaymentRoute.NextActionFlow.OTP;
                    case "ussd" -> PaymentRoute.NextActionFlow.USSD;
                    case "redirect" -> PaymentRoute.NextActionFlow.REDIRECTION;
                    default -> throw ApiException.invalid(mm.path("preferred_flow"),
                            "preferred_flow must be otp, ussd or redirect.");
                }).orElse(null);
                return new NewPayment(PaymentMethod.MOBILE_MONEY, mmCountry, provider, msisdn, null, returnUrl, returnUrl,
                        preferredFlow);
            }
            case "card" -> {
                JsonBody card = method.optionalObject("card").orElseThrow(() -> ApiException.missing("payment_method.card"));
                Fields.label(card.path("token"), card.requiredString("token"), 200);
                if (country == null) {
                    throw ApiException.invalid("payment_method.type", "Card payments need a transaction_country on the intent.");
                }
                return new NewPayment(PaymentMethod.CREDIT_CARD, country, ProviderCoverage.CARD, null, null, returnUrl, returnUrl);
            }
            default -> throw ApiException.invalid(method.path("type"), method.path("type") + " must be mobile_money or card.");
        }
    }

    /** {@code GET /api/v1/payment-intents}: {@code limit} 1–100 (10), one of {@code starting_after} / {@code ending_before}. */
    public record ListQuery(int limit, String startingAfter, String endingBefore) {
    }

    public static ListQuery list(HttpParameters query) {
        int limit = 10;
        String raw = query.get("limit");
        if (raw != null && !raw.isEmpty()) {
            try {
                limit = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100) {
                throw ApiException.invalid("limit", "limit must be an integer from 1 to 100.");
            }
        }
        String after = emptyToNull(query.get("starting_after"));
        String before = emptyToNull(query.get("ending_before"));
        if (after != null && before != null) {
            throw ApiException.invalid("ending_before", "Send starting_after or ending_before, not both.");
        }
        return new ListQuery(limit, after, before);
    }

    private static String coveredCountry(String value, String param, ProviderCoverage coverage) {
        Fields.country(param, value);
        if (!coverage.knowsCountry(value)) {
            throw ApiException.invalid(param, param + " " + value + " is not a country Cauri covers.");
        }
        return value;
    }

    private static String email(String value) {
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            throw ApiException.invalid("customer_email", "customer_email must be an email address.");
        }
        return value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
