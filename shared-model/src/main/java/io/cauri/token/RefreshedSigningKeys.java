package io.cauri.token;

import io.cauri.init.Background;
import io.cauri.secret.CachedSecret;
import io.cauri.secret.SecretCache;

import java.util.function.Supplier;

/**
 * The token signing keys in force, read again once their TTL ({@code cauri.token.signing-key-ttl}, 5 minutes)
 * has passed and after a SnapStart restore, so that a rotation of the secret reaches warm containers without a
 * redeploy. A rotation keeps the previous key on the secret's second line, so tokens it signed keep verifying
 * ({@link SigningKeys}). While a refresh fails, the last good keys stay in force for a bounded grace
 * ({@link CachedSecret}).
 */
public final class RefreshedSigningKeys implements SecretCache, Supplier<SigningKeys> {
    private final CachedSecret<SigningKeys> keys;

    public RefreshedSigningKeys(CachedSecret<SigningKeys> keys) {
        this.keys = keys;
    }

    /** The keys in force now. */
    @Override
    public SigningKeys get() {
        return keys.get();
    }

    @Override
    public void forget() {
        keys.forget();
    }

    /** Every request of a function that has these keys uses them: read them again while the restore goes on. */
    @Override
    public void prefetch() {
        Background.start("signing-key-refresh", keys::get); // a failure is logged by the cache; the use retries
    }

    @Override
    public String toString() {
        return "RefreshedSigningKeys[" + keys + "]";
    }
}
