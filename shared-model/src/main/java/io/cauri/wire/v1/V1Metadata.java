package io.cauri.wire.v1;

import io.cauri.web.error.ApiException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * v1 {@code metadata} rules (docs/CONTRACT.md §7): string → string, at most 50 keys, keys ≤ 40 characters, values
 * ≤ 500; the platform's reserved keys and prefixes are refused on write and never shown.
 */
public final class V1Metadata {
    private static final List<String> RESERVED_KEYS = List.of("Description", "FailureReason", "Environment");
    private static final List<String> RESERVED_PREFIXES = List.of("country_context.", "internal.", "technical.");

    private V1Metadata() {
    }

    /** Checks metadata sent by a merchant. {@code forUpdate}: an empty value means "remove this key". */
    public static Map<String, String> check(Map<String, String> metadata, boolean forUpdate) {
        if (metadata.size() > 50) {
            throw ApiException.invalid("metadata", "metadata holds at most 50 keys.");
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String key = e.getKey();
            if (key.isEmpty() || key.length() > 40) {
                throw ApiException.invalid("metadata", "metadata keys are 1 to 40 characters.");
            }
            if (isReserved(key)) {
                throw ApiException.invalid("metadata." + key, "metadata key " + key + " is reserved for the platform.");
            }
            if (e.getValue().length() > 500 || (e.getValue().isEmpty() && !forUpdate)) {
                throw ApiException.invalid("metadata." + key, "metadata values are 1 to 500 characters.");
            }
        }
        return metadata;
    }

    /** What a merchant may see: never the reserved keys, whatever was stored. */
    public static Map<String, String> visible(Map<String, String> metadata) {
        Map<String, String> shown = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (!isReserved(k)) {
                shown.put(k, v);
            }
        });
        return shown;
    }

    private static boolean isReserved(String key) {
        return RESERVED_KEYS.contains(key) || RESERVED_PREFIXES.stream().anyMatch(key::startsWith);
    }
}
