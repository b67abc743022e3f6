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

    /**
     * After a restore, once {@link #forget()} has run: a cache whose value every request needs (the token signing
     * keys) starts reading it again on its own thread, so that the read overlaps the restore instead of
     * delaying the first request; a first use meanwhile waits for that read rather than making its own. Others
     * (read only by some requests) stay lazy: the default does nothing.
     */
    default void prefetch() {
    }
}
