package io.cauri.local;

import io.cauri.provider.ConnectorSettings;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The property adapter's settings (what local-api and tests use) print their keys, never their values: a log
 * line or an error message that shows the settings or the adapter by mistake leaks no credential.
 */
class PropertyConnectorSettingsSecrecyTest {

    @Test
    void printingTheSettingsOrTheAdapterShowsNoValue() {
        String apiKey = "wave_sn_prod_PROPSECRECY_71d0";
        String webhookSecret = "wave_sn_WHS_PROPSECRECY_c4e2";
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("cauri.connectors.wave.apiKey", apiKey,
                "cauri.connectors.wave.webhookSecret", webhookSecret,
                "cauri.connectors.wave.baseUrl", "http://127.0.0.1:9"))) {
            ConnectorSettings adapter = ctx.getBean(ConnectorSettings.class);
            Map<String, String> wave = adapter.of("wave").orElseThrow();

            assertEquals(apiKey, wave.get("apiKey"));
            assertEquals(webhookSecret, wave.get("webhookSecret"));
            assertEquals("{apiKey, baseUrl, webhookSecret (values redacted)}", wave.toString());
            for (String printed : List.of(wave.toString(), adapter.of("wave").toString(), adapter.toString())) {
                assertFalse(printed.contains("PROPSECRECY"), printed);
            }
            assertThrows(UnsupportedOperationException.class, () -> wave.put("apiKey", "other"));
        }
    }
}
