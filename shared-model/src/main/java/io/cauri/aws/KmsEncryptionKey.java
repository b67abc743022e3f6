package io.cauri.aws;

import io.cauri.sealing.AesGcm;
import io.cauri.sealing.EncryptionKey;
import io.cauri.secret.CachedSecret;
import io.cauri.secret.SecretCache;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link EncryptionKey} on AWS KMS, envelope style: each seal asks KMS for a fresh AES-256 data key
 * (GenerateDataKey, with the context as KMS encryption context), encrypts locally with AES-GCM and keeps the
 * KMS-encrypted data key beside the ciphertext: {@code kms1.<encrypted data key>.<nonce‖ciphertext‖tag>}.
 * Opening asks KMS to decrypt the data key (same encryption context); decrypted data keys are cached per
 * container, bounded, so a warm dispatcher signs without calling KMS.
 * <p>
 * Rotation of the KMS key happens inside KMS: old encrypted data keys still decrypt, new ones use the new
 * material; nothing of the key itself is cached here. What is cached, the decrypted data keys, is kept at most
 * {@code cauri.webhooks.encryption-key-ttl} (5 minutes) — so that a key disabled or a grant revoked in KMS
 * stops this container opening secrets within that time — and dropped before a SnapStart snapshot and after
 * each restore ({@link SecretCache}): no plaintext data key is written into a snapshot.
 */
public final class KmsEncryptionKey implements EncryptionKey, SecretCache {
    private static final String PREFIX = "kms1.";
    private static final int CACHE_SIZE = 256;

    private final KmsClient kms;
    private final String keyId;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, CachedSecret<byte[]>> dataKeys = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedSecret<byte[]>> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public KmsEncryptionKey(KmsClient kms, String keyId) {
        this(kms, keyId, CachedSecret.DEFAULT_TTL, Clock.systemUTC());
    }

    public KmsEncryptionKey(KmsClient kms, String keyId, Duration ttl, Clock clock) {
        this.kms = kms;
        this.keyId = keyId;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public String seal(byte[] plaintext, String context) {
        GenerateDataKeyResponse dataKey = kms.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256)
                .encryptionContext(Map.of("context", context)));
        byte[] sealed = AesGcm.encrypt(dataKey.plaintext().asByteArray(), plaintext, context);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + b64.encodeToString(dataKey.ciphertextBlob().asByteArray()) + "." + b64.encodeToString(sealed);
    }

    @Override
    public byte[] open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("not a value sealed by a KMS key");
        }
        String[] parts = sealed.substring(PREFIX.length()).split("\\.");
        if (parts.length != 2) {
            throw new IllegalStateException("malformed KMS-sealed value");
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        byte[] key = dataKey(parts[0], b64.decode(parts[0]), context);
        return AesGcm.decrypt(key, b64.decode(parts[1]), context);
    }

    /**
     * The decrypted data key, from the cache while its TTL runs (one KMS call for concurrent first uses of the
     * same data key; others do not wait on it).
     */
    private byte[] dataKey(String cacheKey, byte[] encrypted, String context) {
        String entry = context + "\n" + cacheKey;
        CachedSecret<byte[]> cached;
        synchronized (dataKeys) {
            cached = dataKeys.computeIfAbsent(entry, e -> new CachedSecret<>("webhook secret data key (KMS key " + keyId
                    + ", context " + context + ")", () -> decrypt(encrypted, context), ttl, Duration.ZERO, clock));
            // no grace: a key disabled in KMS (or a revoked grant) must stop opening secrets within the TTL, and
            // a KMS outage only delays deliveries (their message comes back), it never needs a stale key
        }
        return cached.get();
    }

    private byte[] decrypt(byte[] encrypted, String context) {
        DecryptResponse decrypted = kms.decrypt(r -> r.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(encrypted))
                .encryptionContext(Map.of("context", context)));
        return decrypted.plaintext().asByteArray();
    }

    @Override
    public void forget() {
        synchronized (dataKeys) {
            dataKeys.values().forEach(CachedSecret::forget);
            dataKeys.clear();
        }
    }

    @Override
    public String toString() {
        return "KmsEncryptionKey[" + keyId + "]";
    }
}
