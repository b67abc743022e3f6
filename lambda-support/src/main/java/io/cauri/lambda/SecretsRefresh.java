package io.cauri.lambda;

import io.cauri.init.InitEagerly;
import io.cauri.secret.SecretCache;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart and the secrets a function caches ({@link SecretCache}: the connectors' credentials, the token
 * signing keys, the webhook sealing key's data keys or key file): a snapshot may be restored hours or weeks after
 * it was taken, possibly after a rotation, and the same snapshot is restored in many containers. So the cached
 * values are dropped before the snapshot (no secret is written into it) and again after each restore (a value
 * that reached a cache in between is not trusted either): the next use reads afresh — or, for the token signing
 * keys that every request needs, a read started on its own thread right after the restore. Only the caches already
 * created are told: one not yet created holds nothing, and creating it here would add to the cold start.
 * <p>
 * Registered with the CRaC global context when the bean is created, at init ({@link InitEagerly}), like
 * {@link SnapStartPriming}; on a JVM without CRaC the hooks are never called.
 */
@Singleton
@InitEagerly
@Requires(beans = SecretCache.class)
public class SecretsRefresh implements Resource {
    private final BeanContext beans;

    public SecretsRefresh(BeanContext beans) {
        this.beans = beans;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        forgetAll();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        forgetAll();
        for (BeanRegistration<SecretCache> cache : beans.getActiveBeanRegistrations(SecretCache.class)) {
            cache.getBean().prefetch(); // the signing keys: read on their own thread while the restore goes on
        }
    }

    private void forgetAll() {
        for (BeanRegistration<SecretCache> cache : beans.getActiveBeanRegistrations(SecretCache.class)) {
            cache.getBean().forget();
        }
    }
}
