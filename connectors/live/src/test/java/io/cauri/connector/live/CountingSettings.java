package io.cauri.connector.live;

import io.cauri.local.PropertyConnectorSettings;
import io.cauri.provider.ConnectorSettings;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The properties' settings, counting how often a connector's are read (tests: when and how often). */
@Singleton
@Replaces(PropertyConnectorSettings.class)
@Requires(property = "test.counting-settings", value = "true")
public class CountingSettings implements ConnectorSettings {
    static final AtomicInteger INSTANCES = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    /** Values that replace the properties' (a rotated credential), per connector. */
    final Map<String, Map<String, String>> rotated = new java.util.concurrent.ConcurrentHashMap<>();
    private final PropertyConnectorSettings properties;

    public CountingSettings(Environment environment) {
        this.properties = new PropertyConnectorSettings(environment);
        INSTANCES.incrementAndGet();
    }

    @Override
    public Optional<Map<String, String>> of(String connector) {
        reads.incrementAndGet();
        Map<String, String> replaced = rotated.get(connector);
        if (replaced == null) {
            return properties.of(connector);
        }
        Map<String, String> values = new java.util.HashMap<>(properties.of(connector).orElse(Map.of()));
        values.putAll(replaced);
        return Optional.of(Map.copyOf(values));
    }
}
