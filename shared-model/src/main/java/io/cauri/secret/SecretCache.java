package io.cauri.secret;

/**
 * A bean that keeps secrets read from outside the process ({@link CachedSecret}s). lambda-support's SnapStart
 * hook calls {@link #forget()} on every such bean already created, before the snapshot (no secret is written into
 * it) and after each restore (a snapshot may be restored weeks later, after a rotation, in many containers): the
 * next use reads afresh.
 */
public interface SecretCache {

    /** Drops every cached value, fallback included: the next use reads again. Reads nothing itself. */
    void forget();
}
