package io.cauri.lambda;

import io.cauri.aws.SecretsManagerConnectorSettings;
import io.cauri.provider.ConnectorSettings;
import io.cauri.testing.FakeSecretsManager;
import io.cauri.testing.LocalFunction;
import org.crac.Core;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a function's real handler context whose connector settings come from Secrets Manager (a strict fake of
 * GetSecretValue on 127.0.0.1): the SnapStart hook exists from init without reading anything, and each of its
 * CRaC callbacks makes the next use of a connector read its secret again, so a rotation done while the snapshot
 * slept is seen.
 */
class ConnectorSecretsRefreshTest {
    private static final String SECRET = "cauri/live/fedapay";

    private FakeSecretsManager fake;
    private LocalFunction function;

    @BeforeEach
    void start() throws Exception {
        fake = FakeSecretsManager.start();
        function = new LocalFunction(Map.of("cauri.connector-secrets.fedapay", SECRET,
                "cauri.connector-secrets-endpoint", fake.endpoint()));
    }

    @AfterEach
    void stop() {
        function.close();
        assertEquals(List.of(), fake.refused());
        fake.close();
    }

    private static String fedapay(String secretKey) {
        return FakeSecretsManager.json(Map.of("baseUrl", "https://api.fedapay.com", "secretKey", secretKey,
                "webhookSecret", "wh_sandbox_f3d9"));
    }

    @Test
    void theHookIsThereFromInitAndReadsNothing() {
        assertTrue(function.context().getActiveBeanRegistrations(ConnectorSecretsRefresh.class).size() == 1,
                "created with the context (it must be registered with CRaC before the snapshot)");
        assertInstanceOf(SecretsManagerConnectorSettings.class, function.context().getBean(ConnectorSettings.class));
        assertEquals(0, fake.reads(SECRET));
    }

    @Test
    void afterARestoreTheNextUseReadsTheSecretAgain() {
        readsAgainAfter(hook -> hook.afterRestore(Core.getGlobalContext()));
    }

    @Test
    void nothingReadBeforeTheSnapshotIsUsedAfterIt() {
        readsAgainAfter(hook -> hook.beforeCheckpoint(Core.getGlobalContext()));
    }

    private void readsAgainAfter(java.util.function.Consumer<ConnectorSecretsRefresh> callback) {
        ConnectorSettings settings = function.context().getBean(ConnectorSettings.class);
        fake.put(SECRET, fedapay("sk_live_before_snapshot_81c2"));
        assertEquals("sk_live_before_snapshot_81c2", settings.of("fedapay").orElseThrow().get("secretKey"));
        fake.put(SECRET, fedapay("sk_live_rotated_while_asleep_5d0e"));

        callback.accept(function.context().getBean(ConnectorSecretsRefresh.class));

        assertEquals(1, fake.reads(SECRET), "the hook reads nothing itself");
        assertEquals("sk_live_rotated_while_asleep_5d0e", settings.of("fedapay").orElseThrow().get("secretKey"));
        assertEquals(2, fake.reads(SECRET));
        settings.of("fedapay");
        assertEquals(2, fake.reads(SECRET), "then cached again");
    }

    @Test
    void aFunctionWithoutConnectorSecretsHasNoHook() {
        try (LocalFunction plain = new LocalFunction()) {
            assertFalse(plain.context().containsBean(ConnectorSecretsRefresh.class));
            assertFalse(plain.context().getBean(ConnectorSettings.class) instanceof SecretsManagerConnectorSettings);
        }
    }
}
