package io.cauri.local;

import io.cauri.provider.ConnectorSettings;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PropertyConnectorSettingsTest {

    @Test
    void aConnectorsPropertiesAsItSpellsThem() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "cauri.connectors.mtn-momo.baseUrl", "http://127.0.0.1:1/",
                "cauri.connectors.mtn-momo.apiKey", "k",
                "cauri.connectors.wave.apiKey", "w"))) {
            ConnectorSettings settings = ctx.getBean(ConnectorSettings.class);
            assertEquals(Optional.of(Map.of("baseUrl", "http://127.0.0.1:1/", "apiKey", "k")), settings.of("mtn-momo"));
            assertEquals(Optional.of(Map.of("apiKey", "w")), settings.of("wave"));
            assertEquals(Optional.empty(), settings.of("fedapay"));
        }
    }
}
