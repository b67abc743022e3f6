package io.cauri.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * The per-IP limits (docs/CONTRACT.md §6), from configuration: the classpath resource {@value #RESOURCE}. The first
 * rule whose method and path match a request applies; a request no rule matches is counted under the
 * default rule, one window for all such routes together.
 */
@Singleton
public class RateLimitRules {
    public static final String RESOURCE = "/cauri/rate-limits.json";

    @Serdeable
    public record Config(@Nullable Long banSeconds, List<RuleConfig> rules, RuleConfig defaultRule) {
    }

    /** One rule as written in the file; absent flags are false. */
    @Serdeable
    public record RuleConfig(String name, @Nullable String method, @Nullable String path, int limit, long windowSeconds,
                             @Nullable Boolean perId, @Nullable Boolean exemptWithToken, @Nullable Boolean banIdlePolling) {
        RateLimitRule toRule() {
            return new RateLimitRule(name, method, path, limit, Duration.ofSeconds(windowSeconds),
                    Boolean.TRUE.equals(perId), Boolean.TRUE.equals(exemptWithToken), Boolean.TRUE.equals(banIdlePolling));
        }
    }

    /**
     * The rule that applies to one request, the id it counts by (perId rules only, else null), and the route's
     * first path parameter whatever the rule (the intent a token must name to be exempt), both canonical.
     */
    public record Match(RateLimitRule rule, @Nullable String id, @Nullable String pathId) {
    }

    private final List<RateLimitRule> rules;
    private final List<List<String>> segments;
    private final RateLimitRule defaultRule;
    private final Duration ban;

    @Inject
    public RateLimitRules(JsonMapper json) {
        this(load(json));
    }

    public RateLimitRules(Config config) {
        if (config.rules() == null || config.defaultRule() == null) {
            throw new IllegalStateException("rate limits: rules and default are required");
        }
        this.rules = config.rules().stream().map(RuleConfig::toRule).toList();
        for (RateLimitRule rule : rules) {
            if (rule.method() == null || rule.path() == null) {
                throw new IllegalStateException("rate limit rule " + rule.name() + ": method and path are required");
            }
        }
        this.segments = rules.stream().map(RateLimitRule::segments).toList();
        this.defaultRule = config.defaultRule().toRule();
        this.ban = Duration.ofSeconds(config.banSeconds() == null ? 600 : config.banSeconds());
    }

    /**
     * The rule for a request. The path is canonicalised first — each segment percent-decoded — so that
     * {@code pi_%41…} and {@code pi_A…}, which the routes read as the same intent, are counted together and
     * fall under the same rule ({@code …/%73tatus} is {@code …/status}).
     */
    public Match match(String method, String path) {
        List<String> request = RateLimitRule.split(path).stream().map(RateLimitRules::decode).toList();
        for (int i = 0; i < rules.size(); i++) {
            RateLimitRule rule = rules.get(i);
            if (!rule.method().equalsIgnoreCase(method)) {
                continue;
            }
            List<String> pattern = segments.get(i);
            if (pattern.size() != request.size()) {
                continue;
            }
            String id = null;
            boolean matches = true;
            for (int s = 0; s < pattern.size() && matches; s++) {
                String p = pattern.get(s);
                String r = request.get(s);
                if (p.startsWith("{")) {
                    matches = !r.isEmpty();
                    if (id == null) {
                        id = r;
                    }
                } else {
                    matches = p.equals(r);
                }
            }
            if (matches) {
                return new Match(rule, rule.perId() ? id : null, id);
            }
        }
        return new Match(defaultRule, null, null);
    }

    /**
     * One path segment percent-decoded as the router decodes it (UTF-8; {@code +} is a plus in a path, not a
     * space). A segment that is not valid percent-encoding is kept as sent: the router refuses it anyway.
     */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }

    public List<RateLimitRule> rules() {
        return rules;
    }

    public RateLimitRule defaultRule() {
        return defaultRule;
    }

    /** How long going past the limit of a {@link RateLimitRule#banIdlePolling()} rule bans the IP. */
    public Duration banDuration() {
        return ban;
    }

    private static Config load(JsonMapper json) {
        try (InputStream in = RateLimitRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("rate limits: " + RESOURCE + " is not on the classpath");
            }
            return json.readValue(in, Argument.of(Config.class));
        } catch (IOException e) {
            throw new UncheckedIOException("rate limits: cannot read " + RESOURCE, e);
        }
    }
}
