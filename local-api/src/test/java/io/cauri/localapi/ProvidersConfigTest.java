package io.cauri.localapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --providers-config: exactly the connectors present are enabled; a bad file is refused saying what is wrong, never quoting a value. */
class ProvidersConfigTest {
    private static final String SECRET = "sk_live_NEVER_SHOWN";

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        ProvidersConfig.clear();
    }

    @Test
    void enablesExactlyTheConnectorsOfTheFileAsTheFunctionsProperties() throws Exception {
        ProvidersConfig config = ProvidersConfig.read(file("""
                {"wave": {"baseUrl": "https://api.wave.com", "apiKey": "%s", "webhookSecret": "whs"},
                 "fedapay": {"baseUrl": "https://api.fedapay.com", "secretKey": "%s", "webhookSecret": "whf"}}
                """.formatted(SECRET, SECRET)));
        assertEquals(List.of("wave", "fedapay"), List.copyOf(config.names()));
        System.setProperty("cauri.connectors.mtn-momo.apiKey", "left by an earlier run");
        config.apply();
        assertEquals("wave,fedapay", System.getProperty("cauri.connectors.enabled"));
        assertEquals(SECRET, System.getProperty("cauri.connectors.wave.apiKey"));
        assertEquals("https://api.fedapay.com", System.getProperty("cauri.connectors.fedapay.baseUrl"));
        assertNull(System.getProperty("cauri.connectors.mtn-momo.apiKey"));
        assertFalse(config.toString().contains(SECRET));
    }

    @Test
    void refusesAnUnreadableOrInvalidFileSayingWhy() throws Exception {
        Map<String, String> refused = Map.of(
                "{\"wave\": {\"baseUrl\": \"https://api.wave.com\", \"apiKey\": \"" + SECRET + "\"}}", "wave lacks webhookSecret",
                "{\"orange\": {}}", "unknown connector \"orange\"",
                "{\"fedapay\": {\"baseUrl\": \"ftp://x\", \"secretKey\": \"" + SECRET + "\", \"webhookSecret\": \"w\"}}",
                "fedapay.baseUrl must be an absolute http(s) URL",
                "{\"fedapay\": {\"baseUrl\": \"https://x\", \"secretkey\": \"" + SECRET + "\", \"webhookSecret\": \"w\"}}",
                "fedapay.secretkey is not a setting of fedapay",
                "{\"wave\": {\"baseUrl\": \"https://x\", \"apiKey\": 12, \"webhookSecret\": \"w\"}}", "wave.apiKey must be a non-empty string",
                "{\"wave\": {\"apiKey\": \"" + SECRET + "\",", "is not valid JSON",
                "[]", "expected a JSON object");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            StartupException e = assertThrows(StartupException.class, () -> ProvidersConfig.read(file(bad.getKey())));
            assertTrue(e.getMessage().contains(bad.getValue()), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
        StartupException missing = assertThrows(StartupException.class, () -> ProvidersConfig.read(dir.resolve("none.json")));
        assertTrue(missing.getMessage().startsWith("cannot read --providers-config"), missing.getMessage());
    }

    private Path file(String json) throws Exception {
        Path f = Files.createTempFile(dir, "providers", ".json");
        Files.writeString(f, json);
        return f;
    }
}
