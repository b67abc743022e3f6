package io.cauri.connector.live;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Checks {@value LiveConnectorFactory#ENABLED} when the function starts: a misspelt connector name would otherwise
 * leave that connector silently off (its live payments refused) instead of stopping a misconfigured deployment.
 * Reads one property; no setting of any connector.
 */
@Context
@Requires(property = LiveConnectorFactory.ENABLED)
public class EnabledConnectors {
    static final String MTN_MOMO = "mtn-momo";
    static final String WAVE = "wave";
    static final String FEDAPAY = "fedapay";
    /** The connectors this module builds. */
    public static final Set<String> KNOWN = Set.of(MTN_MOMO, WAVE, FEDAPAY);

    private final List<String> names;

    public EnabledConnectors(@Value("${" + LiveConnectorFactory.ENABLED + "}") String enabled) {
        this.names = parse(enabled);
    }

    /** The names of a comma list, each one known; blank entries ignored. */
    public static List<String> parse(String enabled) {
        List<String> names = Arrays.stream(enabled == null ? new String[0] : enabled.split(","))
                .map(String::strip).filter(n -> !n.isEmpty()).distinct().toList();
        for (String name : names) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException(LiveConnectorFactory.ENABLED + " names an unknown connector \"" + name
                        + "\"; known: " + String.join(", ", KNOWN.stream().sorted().toList()));
            }
        }
        return names;
    }

    public List<String> names() {
        return names;
    }
}
