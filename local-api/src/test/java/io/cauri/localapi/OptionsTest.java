package io.cauri.localapi;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    @Test
    void defaultsToPort3000InMemoryARandomMerchantAndTheRepositoryTemplate() {
        Options o = Options.parse();
        assertEquals(3000, o.port());
        assertTrue(o.merchantId().startsWith("m_"));
        assertNotEquals(o.merchantId(), Options.parse().merchantId());
        assertNull(o.apiKey());
        assertNull(o.dataDir());
        assertEquals(Path.of("template.yaml"), o.template());
        assertTrue(o.rateLimits(), "rate limits are on unless turned off, as in AWS");
    }

    @Test
    void noRateLimitsTurnsThemOff() {
        Options o = Options.parse("--port", "0", "--no-rate-limits", "--merchant-id", "m_demo");
        assertEquals(new Options(0, "m_demo", null, null, Path.of("template.yaml"), false), o);
        System.out.println("local-api --no-rate-limits: rateLimits=" + o.rateLimits());
    }

    @Test
    void readsBothOptionForms() {
        Options o = Options.parse("--port", "0", "--merchant-id=m_demo", "--api-key", "sk_demo_1",
                "--data-dir", ".local-data", "--template=other.yaml");
        assertEquals(new Options(0, "m_demo", "sk_demo_1", Path.of(".local-data"), Path.of("other.yaml")), o);
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--port", "70000"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--port", "http"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--verbose", "yes"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--merchant-id"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--merchant-id", "m_" + "x".repeat(63)));
    }

    @Test
    void readsTheLiveOptions() {
        Options o = Options.parse("--merchant-id", "m_demo", "--providers-config", "providers.json", "--live-api-key",
                "sk_live_demo_1");
        assertEquals(Path.of("providers.json"), o.providersConfig());
        assertEquals("sk_live_demo_1", o.liveApiKey());
        assertTrue(!o.simulatedProviders());
        Options simulated = Options.parse("--simulated-providers", "--live-api-key=sk_live_demo_1");
        assertTrue(simulated.simulatedProviders());
        assertNull(simulated.providersConfig());
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse("--simulated-providers", "--providers-config", "providers.json"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--live-api-key", " "));
    }
}
