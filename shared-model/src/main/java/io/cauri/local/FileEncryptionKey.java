package io.cauri.local;

import io.cauri.sealing.EncryptionKey;
import io.cauri.secret.CachedSecret;
import io.cauri.secret.SecretCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@link EncryptionKey} read from a file of base64 AES-256 keys, one per line (local-api's generated key file):
 * the first seals, every one opens, so a rotation puts the new key first and keeps the old one below it until
 * the secrets it sealed are rotated. The file is read again once {@code cauri.webhooks.encryption-key-ttl} has
 * passed and after a SnapStart restore ({@link CachedSecret}): a rotation needs no restart.
 */
public final class FileEncryptionKey implements EncryptionKey, SecretCache {
    private final CachedSecret<List<LocalEncryptionKey>> keys;

    /** Reads the file now: a missing or malformed file fails the start, not the first webhook. */
    public FileEncryptionKey(Path file, Duration ttl, Clock clock) {
        this.keys = new CachedSecret<>("webhook encryption key (file " + file + ")", () -> read(file), ttl, clock);
        keys.seed(read(file));
    }

    /** The keys of the file, in order; throws if there is none or one is not a base64 256-bit key. */
    static List<LocalEncryptionKey> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook encryption key file " + file, e);
        }
        List<LocalEncryptionKey> keys = text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(LocalEncryptionKey::fromBase64).toList();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the webhook encryption key file " + file + " is empty");
        }
        return keys;
    }

    @Override
    public String seal(byte[] plaintext, String context) {
        return keys.get().get(0).seal(plaintext, context);
    }

    /** Tries each key in force, the current one first. */
    @Override
    public byte[] open(String sealed, String context) {
        IllegalStateException refused = null;
        for (LocalEncryptionKey key : keys.get()) {
            try {
                return key.open(sealed, context);
            } catch (IllegalStateException e) {
                refused = e;
            }
        }
        throw refused;
    }

    @Override
    public void forget() {
        keys.forget();
    }

    @Override
    public String toString() {
        return "FileEncryptionKey[" + keys + "]";
    }
}
