package io.cauri.connector.fedapay;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * FedaPay's push {@code mode} for a Cauri route (country, provider). Only the routes where FedaPay documents a
 * no-redirect push for the operator: BJ {@code mtn_open}, {@code moov}; TG {@code moov_tg}, {@code togocel};
 * GN {@code mtn_open_gn}; CI {@code mtn_ci}; SN {@code free_sn} (payment-methods page and the SDKs' mode list).
 * Which of these routes FedaPay actually serves in live mode is coverage configuration's decision, not this table's.
 */
public final class FedaPayModes {
    private static final Map<String, String> MODES = Map.of(
            "BJ/mtn", "mtn_open",
            "BJ/moov", "moov",
            "TG/moov", "moov_tg",
            "TG/togocell", "togocel",
            "GN/mtn", "mtn_open_gn",
            "CI/mtn", "mtn_ci",
            "SN/free", "free_sn");

    private FedaPayModes() {
    }

    public static Optional<String> mode(String country, String provider) {
        if (country == null || provider == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(MODES.get(country.toUpperCase(Locale.ROOT) + "/" + provider.toLowerCase(Locale.ROOT)));
    }
}
