package io.cauri.localapi;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;

/** {@link LocalApiWebhookIsolationTest} where events run in-process (no SNS/SQS emulator). */
class LocalApiInProcessWebhookIsolationTest extends LocalApiWebhookIsolationTest {

    @BeforeAll
    static void start() throws Exception {
        System.setProperty(EventPipeline.IN_PROCESS, "true");
        api = LocalApi.start(new Options(0, MERCHANT, KEY, dataDir, Path.of("../template.yaml"), false));
    }

    @AfterAll
    static void stop() {
        System.clearProperty(EventPipeline.IN_PROCESS);
        if (api != null) {
            api.close();
        }
    }
}
