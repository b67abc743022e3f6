package io.cauri.provider;

/**
 * Where a connector stores a payment's provider reference <em>before</em> it sends the request that may debit
 * the payer (docs/PROVIDERS.md §6, rule 1). An operator that names the payment itself (a FedaPay transaction id
 * is only known once the transaction is created, and the debit is a second call) would otherwise leave nothing
 * to reconcile with if the debit's answer is lost: the payment would stay {@code processing} with no reference
 * the status read could use.
 */
@FunctionalInterface
public interface ReferenceSink {

    /** A sink that stores nothing: for a connector called outside an attempt (tests, a status probe). */
    ReferenceSink NONE = reference -> {
    };

    /**
     * Stores the reference with the payment and returns once it is stored. Throws if it could not be; the
     * connector must then not send the debit (the payment stays {@code processing} and its reconciliation
     * finds that no debit was made).
     */
    void save(String providerReference);
}
