package io.cauri.local;

import io.cauri.provider.ConnectorSettings;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Connector settings from the application's properties: {@code cauri.connectors.<connector>.<key>} (keys as the
 * connector spells them, e.g. {@code cauri.connectors.mtn-momo.baseUrl}). What tests and local-api use; a
 * deployment replaces it with its secret store. A connector with no property has no settings.
 */
@Singleton
public class PropertyConnectorSettings implements ConnectorSettings {
    private final Environment environment;

    public PropertyConnectorSettings(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Optional<Map<String, String>> of(String connector) {
        Map<String, Object> raw = environment.getProperties("cauri.connectors." + connector, StringConvention.RAW);
        Map<String, String> settings = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (value != null && !(value instanceof Map)) {
                settings.put(key, value.toString());
            }
        });
        return settings.isEmpty() ? Optional.empty() : Optional.of(ConnectorSettings.redacted(settings));
    }
}
