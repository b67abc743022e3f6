package io.cauri.aws;

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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the key that seals webhook secrets comes from, first match wins:
 * <ol>
 *   <li>{@code cauri.webhooks.kms-key-id}: a KMS key (in AWS; template.yaml creates it);</li>
 *   <li>{@code cauri.webhooks.encryption-key-file}: a file holding a base64 AES-256 key (local-api);</li>
 *   <li>{@code cauri.webhooks.encryption-key}: the base64 key itself (tests generate one).</li>
 * </ol>
 * With none of them there is no {@link EncryptionKey}, and no webhook bean in that function.
 */
@Factory
public class EncryptionKeyFactory {
    static final String KMS = "cauri.webhooks.kms-key-id";
    static final String FILE = "cauri.webhooks.encryption-key-file";
    static final String INLINE = "cauri.webhooks.encryption-key";

    @Singleton
    @Requires(classes = KmsClient.class)
    @Requires(property = KMS)
    EncryptionKey kmsKey(@Value("${" + KMS + "}") String keyId) {
        var builder = KmsClient.builder().httpClient(UrlConnectionHttpClient.create());
        String region = System.getenv("AWS_REGION");
        if (region != null) {
            builder.region(Region.of(region));
        }
        return new KmsEncryptionKey(builder.build(), keyId);
    }

    @Singleton
    @Requires(property = FILE)
    @Requires(missingProperty = KMS)
    EncryptionKey fileKey(@Value("${" + FILE + "}") String file) {
        try {
            return LocalEncryptionKey.fromBase64(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("cannot read the webhook encryption key file " + file
                    + " (a base64 256-bit key)", e);
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
