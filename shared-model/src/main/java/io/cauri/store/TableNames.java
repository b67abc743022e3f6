package io.cauri.store;

/**
 * Table names, from configuration ({@code cauri.tables.*}; in Lambda the environment variables
 * {@code CAURI_TABLES_INTENTS}, {@code CAURI_TABLES_MERCHANTS} and {@code CAURI_TABLES_IDEMPOTENCY} set by
 * template.yaml). Null means the default name, as local-api and the tests use.
 */
public record TableNames(String intents, String merchants, String idempotency) {
    public TableNames {
        intents = intents == null || intents.isBlank() ? "cauri-intents" : intents;
        merchants = merchants == null || merchants.isBlank() ? "cauri-merchants" : merchants;
        idempotency = idempotency == null || idempotency.isBlank() ? "cauri-idempotency" : idempotency;
    }
}
