package io.cauri.store;

/**
 * Table names, from configuration ({@code cauri.tables.*}; in Lambda the environment variables
 * {@code CAURI_TABLES_INTENTS}, {@code CAURI_TABLES_MERCHANTS}, {@code CAURI_TABLES_PAYMENTS},
 * {@code CAURI_TABLES_IDEMPOTENCY} and {@code CAURI_TABLES_CUSTOMERS} set by template.yaml;
 * {@code CAURI_TABLES_WEBHOOKS} and {@code CAURI_TABLES_DELIVERIES} for the webhook functions;
 * {@code CAURI_TABLES_RATE_LIMITS} for the per-IP rate-limit windows of every API function;
 * {@code CAURI_TABLES_LEDGER} for the functions that move or read money: the books, refunds, transfers). Null means
 * the default name.
 */
public record TableNames(String intents, String merchants, String payments, String idempotency, String customers,
                         String webhooks, String deliveries, String rateLimits, String ledger) {
    public TableNames {
        intents = intents == null || intents.isBlank() ? "cauri-intents" : intents;
        merchants = merchants == null || merchants.isBlank() ? "cauri-merchants" : merchants;
        payments = payments == null || payments.isBlank() ? "cauri-payments" : payments;
        idempotency = idempotency == null || idempotency.isBlank() ? "cauri-idempotency" : idempotency;
        customers = customers == null || customers.isBlank() ? "cauri-customers" : customers;
        webhooks = webhooks == null || webhooks.isBlank() ? "cauri-webhooks" : webhooks;
        deliveries = deliveries == null || deliveries.isBlank() ? "cauri-deliveries" : deliveries;
        rateLimits = rateLimits == null || rateLimits.isBlank() ? "cauri-rate-limits" : rateLimits;
        ledger = ledger == null || ledger.isBlank() ? "cauri-ledger" : ledger;
    }

    /** The tables before the ledger: that one gets its default name. */
    public TableNames(String intents, String merchants, String payments, String idempotency, String customers,
                      String webhooks, String deliveries, String rateLimits) {
        this(intents, merchants, payments, idempotency, customers, webhooks, deliveries, rateLimits, null);
    }

    /** The tables before rate limits: that one gets its default name. */
    public TableNames(String intents, String merchants, String payments, String idempotency, String customers,
                      String webhooks, String deliveries) {
        this(intents, merchants, payments, idempotency, customers, webhooks, deliveries, null, null);
    }

    /** The tables before webhooks: those two get their default names. */
    public TableNames(String intents, String merchants, String payments, String idempotency, String customers) {
        this(intents, merchants, payments, idempotency, customers, null, null, null, null);
    }

    /** The tables before customers and webhooks: those get their default names. */
    public TableNames(String intents, String merchants, String payments, String idempotency) {
        this(intents, merchants, payments, idempotency, null, null, null, null, null);
    }

    /** The default names, as local-api and the tests use. */
    public static TableNames defaults() {
        return new TableNames(null, null, null, null, null, null, null, null, null);
    }
}
