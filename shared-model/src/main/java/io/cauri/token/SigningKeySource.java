package io.cauri.token;

import io.micronaut.context.exceptions.ConfigurationException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the token signing keys from the first configured source (see {@link SigningKeyFactory}), every time it is
 * asked: the cold start's read and each refresh once the keys' TTL has passed. The Secrets Manager client is
 * built on the first read and kept for the refreshes.
 */
final class SigningKeySource {
    private final String secretId;
    private final String file;
    private final String inline;
    private final Supplier<SecretsManagerClient> clientFactory;
    private SecretsManagerClient client; // guarded by this

    SigningKeySource(String secretId, String file, String inline) {
        this(secretId, file, inline, SigningKeySource::defaultClient);
    }

    SigningKeySource(String secretId, String file, String inline, Supplier<SecretsManagerClient> clientFactory) {
        this.secretId = secretId;
        this.file = file;
        this.inline = inline;
        this.clientFactory = clientFactory;
    }

    /** Where the keys come from, for log lines: the secret id or the file, never a key. */
    String name() {
        if (!secretId.isBlank()) {
            return "token signing keys (secret " + secretId + ")";
        }
        if (!file.isBlank()) {
            return "token signing keys (file " + file + ")";
        }
        return "token signing keys (inline)";
    }

    /**
     * Reads the keys from the first configured source (blank means not configured): one key per line, the
     * first signs, the others (previous keys, during a rotation) only verify.
     */
    SigningKeys read() {
        String secret;
        if (!secretId.isBlank()) {
            secret = client().getSecretValue(r -> r.secretId(secretId)).secretString();
            if (secret == null) {
                throw new ConfigurationException("the token signing key secret has no secret string");
            }
        } else if (!file.isBlank()) {
            try {
                secret = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigurationException("cannot read the token signing key file " + file, e);
            }
        } else if (!inline.isBlank()) {
            secret = inline;
        } else {
            throw new ConfigurationException("no token signing key: set cauri.token.signing-key-secret, "
                    + "cauri.token.signing-key-file or cauri.token.signing-key");
        }
        List<SigningKey> keys = secret.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> new SigningKey(line.getBytes(StandardCharsets.UTF_8))).toList();
        if (keys.isEmpty()) {
            throw new ConfigurationException("the token signing key is empty");
        }
        return new SigningKeys(keys.get(0), keys.subList(1, keys.size()));
    }

    private synchronized SecretsManagerClient client() {
        if (client == null) {
            client = clientFactory.get();
        }
        return client;
    }

    /** Lambda's region and credentials; bounded, so that a refresh during an outage fails instead of hanging. */
    private static SecretsManagerClient defaultClient() {
        return SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5))
                        .build())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(8)))
                .build();
    }
}
