package io.cauri.localapi;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link LocalApiWebhookIsolationTest} where events run in-process (no SNS/SQS emulator). */
class LocalApiInProcessWebhookIsolationTest extends LocalApiWebhookIsolationTest {
    @TempDir
    static Path inProcessDataDir;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty(EventPipeline.IN_PROCESS, "true");
        api = LocalApi.start(new Options(0, MERCHANT, KEY, inProcessDataDir, Path.of("../template.yaml"), false));
    }

    @AfterAll
    static void stop() {
        System.clearProperty(EventPipeline.IN_PROCESS);
        if (api != null) {
            api.close();
        }
    }
}
