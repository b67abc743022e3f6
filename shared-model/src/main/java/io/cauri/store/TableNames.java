package io.cauri.store;

/**
 * Table names, from configuration ({@code cauri.tables.*}; in Lambda the environment variables
 * {@code CAURI_TABLES_INTENTS}, {@code CAURI_TABLES_MERCHANTS}, {@code CAURI_TABLES_PAYMENTS},
 * {@code CAURI_TABLES_IDEMPOTENCY} and {@code CAURI_TABLES_CUSTOMERS} set by template.yaml). Null means the default name.
 */
public record TableNames(String intents, String merchants, String payments, String idempotency, String customers) {
    public TableNames {
        intents = intents == null || intents.isBlank() ? "cauri-intents" : intents;
        merchants = merchants == null || merchants.isBlank() ? "cauri-merchants" : merchants;
        payments = payments == null || payments.isBlank() ? "cauri-payments" : payments;
        idempotency = idempotency == null || idempotency.isBlank() ? "cauri-idempotency" : idempotency;
        customers = customers == null || customers.isBlank() ? "cauri-customers" : customers;
    }

    /** The default names, as local-api and the tests use. */
    public static TableNames defaults() {
        return new TableNames(null, null, null, null, null);
    }
}
