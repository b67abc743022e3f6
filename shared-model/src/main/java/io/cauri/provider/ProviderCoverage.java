package io.cauri.provider;

import io.cauri.intent.Currency;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Cauri can collect money (docs/CONTRACT.md §3): per country, its currency and the providers that operate
 * there, each with its amount limits and the payer's flow. It is configuration, not code: the classpath
 * resource {@value #RESOURCE}, read once at start.
 * <p>
 * Cards: {@code credit_card} is accepted in every covered country. A card attempt names no provider, so
 * its route carries the reserved provider name {@value #CARD}; its limits and flow are configured per
 * currency under {@code "card"}. {@link #route(String, String)} finds it under that name, and
 * {@link #route(String, PaymentMethod, String)} picks it for {@link PaymentMethod#CREDIT_CARD}.
 * <p>
 * Country codes and provider names are matched exactly, as HUB2 spells them ({@code "CI"}, {@code "orange"}).
 */
@Singleton
public class ProviderCoverage {
    public static final String RESOURCE = "/cauri/coverage.json";
    /** Provider name of the card route of every country; no mobile money provider may use it. */
    public static final String CARD = "card";
    /** Limits taken from the provider's published amount policy. */
    public static final String PUBLISHED = "published";
    /** Limits where no policy is published: Cauri's default, documented in the coverage file's notes. */
    public static final String DEFAULT = "default";

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9_]+");
    private static final Pattern CONNECTOR = Pattern.compile("[a-z0-9-]{1,32}");

    /**
     * {@code coverage.json}: country → its currency and providers; card limits per currency; pay-out limits
     * per country and provider; {@code live}: country → provider → the connector that collects live payments
     * there (a provider without one takes sandbox payments only); {@code livePayouts}: country → provider → the
     * connector that sends live transfers there (a provider without one takes sandbox transfers only);
     * {@code notes} says where the figures come from.
     */
    @Serdeable
    public record Config(Map<String, CountryConfig> countries, Map<Currency, RouteConfig> card,
                         Map<String, Map<String, PayoutLimits>> payouts, List<String> notes,
                         @io.micronaut.core.annotation.Nullable Map<String, Map<String, String>> live,
                         @io.micronaut.core.annotation.Nullable Map<String, Map<String, String>> livePayouts) {
        public Config(Map<String, CountryConfig> countries, Map<Currency, RouteConfig> card) {
            this(countries, card, null, null, null, null);
        }

        public Config(Map<String, CountryConfig> countries, Map<Currency, RouteConfig> card,
                      Map<String, Map<String, PayoutLimits>> payouts, List<String> notes) {
            this(countries, card, payouts, notes, null, null);
        }

        public Config(Map<String, CountryConfig> countries, Map<Currency, RouteConfig> card,
                      Map<String, Map<String, PayoutLimits>> payouts, List<String> notes,
                      Map<String, Map<String, String>> live) {
            this(countries, card, payouts, notes, live, null);
        }
    }

    /**
     * What a pay-out (transfer to a payer's wallet) may be, in minor units: between {@code minAmount} and
     * {@code maxAmount} inclusive, and a multiple of {@code multiple}.
     */
    @Serdeable
    public record PayoutLimits(long minAmount, long maxAmount, long multiple) {
        public boolean accepts(long amount) {
            return amount >= minAmount && amount <= maxAmount && amount % multiple == 0;
        }
    }

    @Serdeable
    public record CountryConfig(Currency currency, Map<String, RouteConfig> providers) {
    }

    /**
     * Limits in minor units, inclusive. {@code limits} says where they come from: {@value #PUBLISHED} (the
     * provider's published policy) or {@value #DEFAULT} (none is published; Cauri's documented default).
     */
    @Serdeable
    public record RouteConfig(long minAmount, long maxAmount, PaymentRoute.NextActionFlow flow,
                              boolean supportsSync, List<PaymentRoute.NextActionFlow> alternativeFlows,
                              @io.micronaut.core.annotation.Nullable String limits) {
        PaymentRoute route(String country, Currency currency, String provider) {
            String where = country + "/" + provider;
            if (flow == null) {
                throw new IllegalArgumentException(where + ": flow is required");
            }
            if (minAmount < 1 || maxAmount < minAmount) {
                throw new IllegalArgumentException(where + ": limits must satisfy 1 <= minAmount <= maxAmount");
            }
            if (limits != null && !PUBLISHED.equals(limits) && !DEFAULT.equals(limits)) {
                throw new IllegalArgumentException(where + ": limits must be " + PUBLISHED + " or " + DEFAULT);
            }
            return new PaymentRoute(country, currency, provider, minAmount, maxAmount, flow, supportsSync,
                    alternativeFlows);
        }
    }

    private final Map<String, Map<String, PaymentRoute>> byCountry;
    private final List<PaymentRoute> routes;
    private final Map<String, Map<String, PayoutLimits>> payouts;
    private final Map<Currency, Long> maxAmountByCurrency;
    private final Map<String, Map<String, String>> live;
    private final Map<String, Map<String, String>> livePayouts;

    /** Reads {@value #RESOURCE}; what the application context uses. */
    @Inject
    public ProviderCoverage(JsonMapper json) {
        this(read(json));
    }

    /** Refuses a configuration it cannot serve rather than failing later on an attempt. */
    public ProviderCoverage(Config config) {
        if (config == null || config.countries() == null || config.countries().isEmpty()) {
            throw new IllegalArgumentException("coverage: no countries");
        }
        Map<Currency, RouteConfig> card = config.card() == null ? Map.of() : config.card();
        Map<String, Map<String, PaymentRoute>> countries = new LinkedHashMap<>();
        List<PaymentRoute> all = new ArrayList<>();
        config.countries().forEach((country, c) -> {
            if (country == null || !COUNTRY.matcher(country).matches()) {
                throw new IllegalArgumentException("coverage: country code must be two capital letters: " + country);
            }
            if (c == null || c.currency() == null || c.providers() == null) {
                throw new IllegalArgumentException("coverage: " + country + " needs a currency and providers");
            }
            Map<String, PaymentRoute> providers = new LinkedHashMap<>();
            c.providers().forEach((provider, r) -> {
                if (provider == null || !PROVIDER.matcher(provider).matches() || CARD.equals(provider) || r == null) {
                    throw new IllegalArgumentException("coverage: bad provider " + country + "/" + provider);
                }
                providers.put(provider, r.route(country, c.currency(), provider));
            });
            RouteConfig cardConfig = card.get(c.currency());
            if (cardConfig == null) {
                throw new IllegalArgumentException("coverage: no card limits for " + c.currency() + " (" + country + ")");
            }
            providers.put(CARD, cardConfig.route(country, c.currency(), CARD));
            countries.put(country, Collections.unmodifiableMap(providers));
            all.addAll(providers.values());
        });
        this.byCountry = Collections.unmodifiableMap(countries);
        this.routes = List.copyOf(all);
        this.payouts = payouts(config.payouts(), countries);
        this.live = connectors("live", config.live(), countries);
        this.livePayouts = connectors("livePayouts", config.livePayouts(), countries);
        Map<Currency, Long> max = new java.util.EnumMap<>(Currency.class);
        all.forEach(r -> max.merge(r.currency(), r.maxAmount(), Math::max));
        this.maxAmountByCurrency = Collections.unmodifiableMap(max);
    }

    /** Pay-outs go to a covered provider of a covered country; their limits must be satisfiable. */
    private static Map<String, Map<String, PayoutLimits>> payouts(Map<String, Map<String, PayoutLimits>> config,
                                                                 Map<String, Map<String, PaymentRoute>> countries) {
        if (config == null) {
            return Map.of();
        }
        Map<String, Map<String, PayoutLimits>> checked = new LinkedHashMap<>();
        config.forEach((country, providers) -> {
            Map<String, PaymentRoute> covered = countries.get(country);
            if (covered == null || providers == null) {
                throw new IllegalArgumentException("coverage: pay-outs in an uncovered country: " + country);
            }
            Map<String, PayoutLimits> byProvider = new LinkedHashMap<>();
            providers.forEach((provider, l) -> {
                String where = "coverage: pay-out " + country + "/" + provider;
                if (CARD.equals(provider) || !covered.containsKey(provider) || l == null) {
                    throw new IllegalArgumentException(where + ": not a covered mobile money provider");
                }
                if (l.multiple() < 1 || l.minAmount() < 1 || l.maxAmount() < l.minAmount()
                        || l.minAmount() % l.multiple() != 0 || l.maxAmount() % l.multiple() != 0) {
                    throw new IllegalArgumentException(where
                            + ": limits must satisfy 1 <= minAmount <= maxAmount, both multiples of multiple >= 1");
                }
                byProvider.put(provider, l);
            });
            checked.put(country, Collections.unmodifiableMap(byProvider));
        });
        return Collections.unmodifiableMap(checked);
    }

    /**
     * Live connectors (of payments, {@code live}, or of transfers, {@code livePayouts}) serve covered mobile money
     * providers only, and are named like providers.
     */
    private static Map<String, Map<String, String>> connectors(String table, Map<String, Map<String, String>> config,
                                                              Map<String, Map<String, PaymentRoute>> countries) {
        if (config == null) {
            return Map.of();
        }
        Map<String, Map<String, String>> checked = new LinkedHashMap<>();
        config.forEach((country, providers) -> {
            Map<String, PaymentRoute> covered = countries.get(country);
            if (covered == null || providers == null) {
                throw new IllegalArgumentException("coverage: " + table + " routes in an uncovered country: " + country);
            }
            Map<String, String> byProvider = new LinkedHashMap<>();
            providers.forEach((provider, connector) -> {
                if (CARD.equals(provider) || !covered.containsKey(provider)
                        || connector == null || !CONNECTOR.matcher(connector).matches()) {
                    throw new IllegalArgumentException("coverage: " + table + " route " + country + "/" + provider
                            + " needs a covered mobile money provider and a connector name");
                }
                byProvider.put(provider, connector);
            });
            checked.put(country, Collections.unmodifiableMap(byProvider));
        });
        return Collections.unmodifiableMap(checked);
    }

    /**
     * The connector that collects live payments of this provider in this country, if one is configured
     * ({@code live} in {@value #RESOURCE}). Whether this deployment has that connector is another question:
     * {@code Connectors#serves}.
     */
    public Optional<String> liveConnector(String country, String provider) {
        Map<String, String> providers = country == null ? null : live.get(country);
        return providers == null || provider == null ? Optional.empty() : Optional.ofNullable(providers.get(provider));
    }

    /**
     * The connector that sends live transfers (pay-outs) to this provider's wallets in this country, if one is
     * configured ({@code livePayouts} in {@value #RESOURCE}); empty means sandbox transfers only. Whether this
     * deployment has that connector's payout side is another question (the {@link PayoutConnector} beans), and
     * whether the amount is allowed is {@link #payoutLimits}'s.
     */
    public Optional<String> livePayoutConnector(String country, String provider) {
        Map<String, String> providers = country == null ? null : livePayouts.get(country);
        return providers == null || provider == null ? Optional.empty() : Optional.ofNullable(providers.get(provider));
    }

    /** The pay-out limits of this provider in this country, if it pays out there. */
    public Optional<PayoutLimits> payoutLimits(String country, String provider) {
        Map<String, PayoutLimits> providers = country == null ? null : payouts.get(country);
        return providers == null || provider == null ? Optional.empty() : Optional.ofNullable(providers.get(provider));
    }

    /** Every live pay-out route: country → provider → connector name, in configuration order. */
    public Map<String, Map<String, String>> livePayouts() {
        return livePayouts;
    }

    /** Every pay-out route: country → provider → limits, in configuration order. */
    public Map<String, Map<String, PayoutLimits>> payouts() {
        return payouts;
    }

    /**
     * The largest amount any route (cards included) accepts in this currency: no intent above it could ever
     * be paid. Empty for a currency no route uses.
     */
    public java.util.OptionalLong maxAmount(Currency currency) {
        Long max = maxAmountByCurrency.get(currency);
        return max == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(max);
    }

    /** The coverage shipped in {@value #RESOURCE}. */
    public static ProviderCoverage load(JsonMapper json) {
        return new ProviderCoverage(read(json));
    }

    /** A coverage from a JSON document in the format of {@value #RESOURCE}. */
    public static ProviderCoverage fromJson(JsonMapper json, String document) {
        try {
            return new ProviderCoverage(json.readValue(document, Argument.of(Config.class)));
        } catch (IOException e) {
            throw new UncheckedIOException("coverage: unreadable JSON", e);
        }
    }

    private static Config read(JsonMapper json) {
        try (InputStream in = ProviderCoverage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("coverage: " + RESOURCE + " is not on the classpath");
            }
            return json.readValue(in, Argument.of(Config.class));
        } catch (IOException e) {
            throw new UncheckedIOException("coverage: cannot read " + RESOURCE, e);
        }
    }

    /** The route of this provider in this country ({@value #CARD} for cards), if covered. */
    public Optional<PaymentRoute> route(String country, String provider) {
        Map<String, PaymentRoute> providers = country == null ? null : byCountry.get(country);
        return providers == null || provider == null ? Optional.empty() : Optional.ofNullable(providers.get(provider));
    }

    /**
     * The route of an attempt as HUB2 describes it: a card attempt takes the country's card route whatever
     * {@code provider} says; a mobile money attempt needs a covered provider; bank transfers have no route
     * here yet.
     */
    public Optional<PaymentRoute> route(String country, PaymentMethod method, String provider) {
        if (method == null) {
            return Optional.empty();
        }
        return switch (method) {
            case CREDIT_CARD -> route(country, CARD);
            case MOBILE_MONEY -> CARD.equals(provider) ? Optional.empty() : route(country, provider);
            case BANK_TRANSFER -> Optional.empty();
        };
    }

    /** The currency payments in this country are made in, if Cauri covers it. */
    public Optional<io.cauri.intent.Currency> currencyOf(String country) {
        return routes().stream().filter(r -> r.country().equals(country)).map(PaymentRoute::currency).findFirst();
    }

    public boolean knowsCountry(String country) {
        return country != null && byCountry.containsKey(country);
    }

    /** Every route, cards included, in configuration order. */
    public List<PaymentRoute> routes() {
        return routes;
    }

    public static boolean isCard(PaymentRoute route) {
        return CARD.equals(route.provider());
    }
}
