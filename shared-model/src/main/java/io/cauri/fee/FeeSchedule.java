package io.cauri.fee;

import io.cauri.intent.Fee;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fee rules (docs/CONTRACT.md §3), from configuration: the classpath resource {@value #RESOURCE}.
 * <p>
 * Rules are looked up most specific first: the country's rules for the provider, else the country's
 * {@code rules}, else the global {@code rules}. A level that is present but empty ({@code []}) means "no
 * fee" and stops the lookup; a level that is absent falls through. {@code roundingSteps} gives, per
 * country, the multiple the payer's total must reach (HUB2: 5 in BF, CM, SN, ML; 1000 in GN); a country
 * without one is not rounded.
 */
@Singleton
public class FeeSchedule {
    public static final String RESOURCE = "/cauri/fees.json";

    @Serdeable
    public record Config(List<Rule> rules, Map<String, CountryRules> countries, Map<String, Long> roundingSteps) {
        public Config {
            rules = rules == null ? null : List.copyOf(rules);
            countries = countries == null ? Map.of() : Map.copyOf(countries);
            roundingSteps = roundingSteps == null ? Map.of() : Map.copyOf(roundingSteps);
        }
    }

    @Serdeable
    public record CountryRules(List<Rule> rules, Map<String, List<Rule>> providers) {
        public CountryRules {
            rules = rules == null ? null : List.copyOf(rules);
            providers = providers == null ? Map.of() : Map.copyOf(providers);
        }
    }

    /**
     * One fee: {@code rate} is a percentage of the intent amount for {@code percent} (1.5 means 1.5 %), or
     * the amount in minor units for {@code flat} (so it must be a whole number). The rate is an exact
     * decimal; write it as a JSON string ({@code "1.5"}) or a number, both are read without a float.
     */
    @Serdeable
    public record Rule(String label, String rateType, BigDecimal rate, List<String> taxes) {
        public Rule {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("fee rule: label is required");
            }
            if (rateType == null) {
                throw new IllegalArgumentException("fee rule " + label + ": rateType is required");
            }
            rateType = rateType.toLowerCase(Locale.ROOT);
            if (!rateType.equals("percent") && !rateType.equals("flat")) {
                throw new IllegalArgumentException("fee rule " + label + ": rateType must be percent or flat");
            }
            if (rate == null || rate.signum() < 0) {
                throw new IllegalArgumentException("fee rule " + label + ": rate must be >= 0");
            }
            if (rateType.equals("flat")) {
                try {
                    rate.longValueExact(); // a flat fee is an amount in minor units: whole, and within a long
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("fee rule " + label + ": a flat rate must be a whole amount");
                }
            }
            taxes = taxes == null ? List.of() : List.copyOf(taxes);
        }

        public Fee.RateType type() {
            return rateType.equals("flat") ? Fee.RateType.FLAT : Fee.RateType.PERCENT;
        }
    }

    private final Config config;

    /** Reads {@value #RESOURCE}; what the application context uses. */
    @Inject
    public FeeSchedule(JsonMapper json) {
        this(read(json));
    }

    public FeeSchedule(Config config) {
        if (config == null) {
            throw new IllegalArgumentException("fees: no configuration");
        }
        config.roundingSteps().forEach((country, step) -> {
            if (step == null || step < 1) {
                throw new IllegalArgumentException("fees: rounding step of " + country + " must be >= 1");
            }
        });
        this.config = config;
    }

    /** The schedule shipped in {@value #RESOURCE}. */
    public static FeeSchedule load(JsonMapper json) {
        return new FeeSchedule(read(json));
    }

    /** A schedule from a JSON document in the format of {@value #RESOURCE}. */
    public static FeeSchedule fromJson(JsonMapper json, String document) {
        try {
            return new FeeSchedule(json.readValue(document, Argument.of(Config.class)));
        } catch (IOException e) {
            throw configError(e, "fees: unreadable JSON");
        }
    }

    private static Config read(JsonMapper json) {
        try (InputStream in = FeeSchedule.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("fees: " + RESOURCE + " is not on the classpath");
            }
            return json.readValue(in, Argument.of(Config.class));
        } catch (IOException e) {
            throw configError(e, "fees: cannot read " + RESOURCE);
        }
    }

    /** A rule refused while parsing surfaces as itself, not wrapped in the parser's exception. */
    private static RuntimeException configError(IOException e, String message) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException refused) {
                return refused;
            }
        }
        return new UncheckedIOException(message, e);
    }

    /** The rules that apply to this provider in this country (most specific level present). */
    public List<Rule> rulesFor(String country, String provider) {
        CountryRules inCountry = config.countries().get(country);
        if (inCountry != null) {
            List<Rule> forProvider = inCountry.providers().get(provider);
            if (forProvider != null) {
                return forProvider;
            }
            if (inCountry.rules() != null) {
                return inCountry.rules();
            }
        }
        return config.rules() == null ? List.of() : config.rules();
    }

    /** The multiple the payer's total must reach in this country; 1 (no rounding) when not configured. */
    public long roundingStep(String country) {
        Long step = config.roundingSteps().get(country);
        return step == null ? 1 : step;
    }
}
