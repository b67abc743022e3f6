package io.cauri.aws;

import io.cauri.local.FileEncryptionKey;
import io.cauri.local.LocalEncryptionKey;
import io.cauri.sealing.EncryptionKey;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Where the key that seals webhook secrets comes from, first match wins:
 * <ol>
 *   <li>{@code cauri.webhooks.kms-key-id}: a KMS key (in AWS; template.yaml creates it);</li>
 *   <li>{@code cauri.webhooks.encryption-key-file}: a file holding a base64 AES-256 key (local-api);</li>
 *   <li>{@code cauri.webhooks.encryption-key}: the base64 key itself (tests generate one).</li>
 * </ol>
 * With none of them there is no {@link EncryptionKey}, and no webhook bean in that function. What is read from
 * outside is cached at most {@code cauri.webhooks.encryption-key-ttl} (5 minutes) and forgotten on a SnapStart
 * restore: a rotation needs no redeploy.
 */
@Factory
public class EncryptionKeyFactory {
    static final String KMS = "cauri.webhooks.kms-key-id";
    static final String FILE = "cauri.webhooks.encryption-key-file";
    static final String INLINE = "cauri.webhooks.encryption-key";
    /** How long a key read from outside (a KMS data key, the file's keys) is kept before it is read again. */
    static final String TTL = "cauri.webhooks.encryption-key-ttl";

    /** Its decrypted data keys are cached {@code TTL} at most and dropped on a SnapStart restore. */
    @Singleton
    @Requires(classes = KmsClient.class)
    @Requires(property = KMS)
    KmsEncryptionKey kmsKey(@Value("${" + KMS + "}") String keyId, Clock clock,
                            @Value("${" + TTL + ":PT5M}") Duration ttl) {
        var builder = KmsClient.builder().httpClient(UrlConnectionHttpClient.create());
        String region = System.getenv("AWS_REGION");
        if (region != null) {
            builder.region(Region.of(region));
        }
        return new KmsEncryptionKey(builder.build(), keyId, ttl, clock);
    }

    /** Read again after {@code TTL} and after a SnapStart restore. */
    @Singleton
    @Requires(property = FILE)
    @Requires(missingProperty = KMS)
    FileEncryptionKey fileKey(@Value("${" + FILE + "}") String file, Clock clock,
                              @Value("${" + TTL + ":PT5M}") Duration ttl) {
        try {
            return new FileEncryptionKey(Path.of(file), ttl, clock);
        } catch (RuntimeException e) {
            throw new ConfigurationException("cannot read the webhook encryption key file " + file
                    + " (base64 256-bit keys, one per line)", e);
        }
    }

    @Singleton
    @Requires(property = INLINE)
    @Requires(missingProperty = KMS)
    @Requires(missingProperty = FILE)
    EncryptionKey inlineKey(@Value("${" + INLINE + "}") String key) {
        return LocalEncryptionKey.fromBase64(key);
    }
}
