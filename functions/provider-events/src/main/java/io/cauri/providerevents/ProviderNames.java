package io.cauri.providerevents;

import java.util.Map;

/** The names payers know the providers of coverage.json by; an unknown provider shows its code. */
final class ProviderNames {
    private static final Map<String, String> NAMES = Map.of(
            "orange", "Orange Money", "mtn", "MTN Mobile Money", "moov", "Moov Money", "wave", "Wave",
            "free", "Free Money", "emoney", "E-Money", "mobicash", "Mobicash", "airtel", "Airtel Money",
            "togocell", "T-Money", "card", "Carte bancaire");

    private ProviderNames() {
    }

    static String of(String provider) {
        return provider == null ? "" : NAMES.getOrDefault(provider, provider);
    }
}
