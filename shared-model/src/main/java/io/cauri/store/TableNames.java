package io.cauri.store;

/**
 * Table names, from configuration ({@code cauri.tables.*}; in Lambda the environment variables
 * {@code CAURI_TABLES_*} set by template.yaml). Null means
 * the default name, as local-api and the tests use.
 */
public record TableNames(String intents, String merchants, String payments) {
    public TableNames {
        intents = intents == null || intents.isBlank() ? "cauri-intents" : intents;
        merchants = merchants == null || merchants.isBlank() ? "cauri-merchants" : merchants;
        payments = payments == null || payments.isBlank() ? "cauri-payments" : payments;
    }

    /** The default names, as local-api and the tests use. */
    public static TableNames defaults() {
        return new TableNames(null, null, null);
    }
}
