package io.cauri.intent;

import io.cauri.refusal.InvalidPaymentException;
import io.cauri.refusal.Refusal;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the merchant said about the purchase beyond amount and references — the v1 family's fields, empty
 * for an intent created through the HUB2 family: a description, string metadata, the customer, and the
 * country context (ISO 3166-1 alpha-2) of the transaction, the payer and the rail.
 */
public record IntentDetails(String description, Map<String, String> metadata, String customerId,
                            String transactionCountry, String payerCountry, String railCountry) {

    public static final IntentDetails NONE = new IntentDetails(null, Map.of(), null, null, null, null);
    /** The most metadata keys an intent holds, after every change merged (each request is also checked alone). */
    public static final int MAX_METADATA_KEYS = 50;

    public IntentDetails {
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    /** v1 PATCH: a new description if given; metadata merged, a key set to "" removed. */
    public IntentDetails updated(String newDescription, Map<String, String> metadataChanges) {
        Map<String, String> merged = new TreeMap<>(metadata);
        if (metadataChanges != null) {
            metadataChanges.forEach((k, v) -> {
                if (v.isEmpty()) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
        }
        if (merged.size() > MAX_METADATA_KEYS) {
            // the limit holds for what is stored, not per request: PATCHes of new keys add up
            throw new InvalidPaymentException(Refusal.INVALID_PARAMETER, "metadata", "metadata holds at most "
                    + MAX_METADATA_KEYS + " keys; this change would leave " + merged.size()
                    + ". Remove keys (set them to \"\") first.");
        }
        return new IntentDetails(newDescription != null ? newDescription : description, merged, customerId,
                transactionCountry, payerCountry, railCountry);
    }
}
