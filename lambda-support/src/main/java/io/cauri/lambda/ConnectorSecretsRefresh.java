package io.cauri.lambda;

import io.cauri.aws.SecretsManagerConnectorSettings;
import io.cauri.init.InitEagerly;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart and the connectors' credentials: a snapshot may be restored hours or weeks after it was taken,
 * possibly after a rotation, and the same snapshot is restored in many containers. So the cached connector
 * settings are dropped before the snapshot (no credential is written into it) and again after each restore (a
 * value that reached the cache in between is not trusted either): the next use of a connector reads its
 * secret afresh. Only in a function whose connector settings come from Secrets Manager.
 * <p>
 * Registered with the CRaC global context when the bean is created, at init ({@link InitEagerly}), like
 * {@link SnapStartPriming}; on a JVM without CRaC the hooks are never called.
 */
@Singleton
@InitEagerly
@Requires(beans = SecretsManagerConnectorSettings.class)
public class ConnectorSecretsRefresh implements Resource {
    private final SecretsManagerConnectorSettings settings;

    public ConnectorSecretsRefresh(SecretsManagerConnectorSettings settings) {
        this.settings = settings;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        settings.forget();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        settings.forget();
    }
}
