package io.cauri.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.cauri.local.PropertyConnectorSettings;
import io.cauri.provider.ConnectorSettings;
import io.cauri.secret.CachedSecret;
import io.cauri.secret.SecretCache;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link ConnectorSettings} from AWS Secrets Manager: one secret per connector, its secret string a flat JSON
 * object of strings (the keys of {@link ConnectorSettings}). The secret of a connector is named by the property
 * {@code cauri.connector-secrets.<connector>} (a name or an ARN; in AWS the environment variable
 * {@code CAURI_CONNECTOR_SECRETS_MTN_MOMO} etc., set by template.yaml); a blank or absent one means this deployment
 * has no settings for that connector. Active only when that property family is set, replacing the
 * property-based adapter.
 * <ul>
 *   <li>Lazy: nothing is read, and the client is not built, until a connector first asks (the cold start of a
 *       function that never takes a live payment pays nothing); the client is built once.</li>
 *   <li>Cached per connector ({@link CachedSecret}, as the token signing keys and the webhook sealing key are):
 *       concurrent first uses make one call; a value is kept {@link #DEFAULT_TTL} (or
 *       {@code cauri.connector-secrets-ttl}) so that a rotated credential is picked up within that time. A
 *       failed read (missing secret, Secrets Manager unreachable, malformed value) is retried after
 *       {@link #RETRY_AFTER_FAILURE} at the earliest, so an outage does not turn every payment into a slow call;
 *       while a refresh fails, the last good value stays in use for a bounded grace
 *       ({@link CachedSecret#DEFAULT_GRACE} after it was read: a credential that was valid minutes ago is the
 *       best there is, one of unknown age is not).</li>
 *   <li>{@link #forget()} drops every cached value: lambda-support calls it around a SnapStart snapshot, so a
 *       restored container reads the secrets again instead of trusting a copy of unknown age.</li>
 *   <li>Never logged: log lines name the connector, the secret id and the error's class, or what is wrong with
 *       the value's shape in words of ours, never an SDK or JSON parser message (which may quote the value); {@link #toString()} shows the secret ids; the maps returned print
 *       their keys, not their values.</li>
 * </ul>
 */
@Singleton
@Replaces(PropertyConnectorSettings.class)
@Requires(condition = SecretsManagerConnectorSettings.Configured.class)
public final class SecretsManagerConnectorSettings implements ConnectorSettings, SecretCache {
    static final String PREFIX = "cauri.connector-secrets";
    static final Duration DEFAULT_TTL = CachedSecret.DEFAULT_TTL;
    static final Duration RETRY_AFTER_FAILURE = CachedSecret.RETRY_AFTER_FAILURE;
    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerConnectorSettings.class);
    // no source excerpt in a parser's error location: the source is a secret
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private final Function<String, Optional<String>> secretIds;
    private final Duration ttl;
    private final Clock clock;
    private final Supplier<SecretsManagerClient> clientFactory;
    private final ConcurrentHashMap<String, CachedSecret<Map<String, String>>> slots = new ConcurrentHashMap<>();
    private volatile SecretsManagerClient client;

    @Inject
    public SecretsManagerConnectorSettings(Environment environment, Clock clock,
                                           @Value("${" + PREFIX + "-ttl:PT5M}") Duration ttl,
                                           @Value("${" + PREFIX + "-endpoint:}") String endpoint) {
        this(connector -> environment.getProperty(PREFIX + "." + connector, String.class), ttl, clock,
                () -> defaultClient(endpoint));
    }

    /**
     * @param secretIds     the secret id of a connector (empty or blank: none)
     * @param clientFactory builds the Secrets Manager client, called once, on the first read
     */
    public SecretsManagerConnectorSettings(Function<String, Optional<String>> secretIds, Duration ttl, Clock clock,
                                           Supplier<SecretsManagerClient> clientFactory) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException(PREFIX + "-ttl must be positive");
        }
        this.secretIds = secretIds;
        this.ttl = ttl;
        this.clock = clock;
        this.clientFactory = clientFactory;
    }

    @Override
    public Optional<Map<String, String>> of(String connector) {
        Optional<String> secretId = secretIds.apply(connector).map(String::strip).filter(id -> !id.isEmpty());
        if (secretId.isEmpty()) {
            return Optional.empty();
        }
        String id = secretId.get();
        CachedSecret<Map<String, String>> slot = slots.computeIfAbsent(connector, c -> new CachedSecret<>(
                "connector " + c + " settings (secret " + id + ")",
                () -> read(c, id).orElseThrow(Unreadable::new), ttl, clock));
        try {
            return Optional.of(slot.get());
        } catch (CachedSecret.Unavailable e) { // logged by read and by the cache, without the value
            return Optional.empty();
        }
    }

    /** Drops every cached value: the next use of each connector reads its secret again. */
    @Override
    public void forget() {
        slots.values().forEach(CachedSecret::forget); // waits for a read in flight: its value is dropped too
        slots.clear();
    }

    /** The settings, or empty (logged: connector, secret id and error class, never the value). */
    private Optional<Map<String, String>> read(String connector, String secretId) {
        String secret;
        try {
            secret = client().getSecretValue(r -> r.secretId(secretId)).secretString();
        } catch (ResourceNotFoundException e) {
            LOG.warn("connector {}: secret {} does not exist ({}); the connector takes no live payment until it does",
                    connector, secretId, e.getClass().getSimpleName());
            return Optional.empty();
        } catch (SdkException e) {
            LOG.warn("connector {}: secret {} could not be read ({}); the connector is unavailable",
                    connector, secretId, e.getClass().getSimpleName());
            return Optional.empty();
        }
        if (secret == null) {
            LOG.error("connector {}: secret {} has no secret string (a binary secret?); the connector is unavailable",
                    connector, secretId);
            return Optional.empty();
        }
        try {
            return Optional.of(parse(secret));
        } catch (Malformed e) {
            LOG.error("connector {}: secret {} is not a JSON object of strings ({}); the connector is unavailable",
                    connector, secretId, e.getMessage());
            return Optional.empty();
        } catch (IOException e) { // the parser's own message may quote the input
            LOG.error("connector {}: secret {} is not a JSON object of strings ({}); the connector is unavailable",
                    connector, secretId, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** A flat JSON object of strings, nothing before or after it. Error messages never quote the input. */
    static Map<String, String> parse(String secret) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(secret)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Malformed("not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String key = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw new Malformed("a value is not a string");
                }
                if (settings.put(key, parser.getText()) != null) {
                    throw new Malformed("a key is repeated");
                }
            }
            if (parser.nextToken() != null) {
                throw new Malformed("content after the JSON object");
            }
        }
        return ConnectorSettings.redacted(settings);
    }

    private SecretsManagerClient client() {
        SecretsManagerClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = clientFactory.get();
                    client = c;
                }
            }
        }
        return c;
    }

    /** Lambda's region and credentials; an endpoint override (an emulator) signs with fixed local credentials. */
    static SecretsManagerClient defaultClient(String endpoint) {
        var builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5))
                        .build())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(8)));
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            String region = System.getenv("AWS_REGION");
            if (region != null) {
                builder.region(Region.of(region));
            }
        }
        return builder.build();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("SecretsManagerConnectorSettings[");
        String separator = "";
        for (String connector : Set.copyOf(slots.keySet())) {
            out.append(separator).append(connector).append('=')
                    .append(secretIds.apply(connector).orElse("none"));
            separator = ", ";
        }
        return out.append(", ttl=").append(ttl).append(']').toString();
    }

    /** What is wrong with a secret's shape, in words that never quote it. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /** A read that failed (and said why in a log line): the cache keeps its last good value or has none. */
    private static final class Unreadable extends RuntimeException {
        Unreadable() {
            super("the connector's secret could not be read", null, false, false);
        }
    }

    /** Any {@code cauri.connector-secrets.*} property is set. */
    public static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return context.getBeanContext() instanceof PropertyResolver resolver && resolver.containsProperties(PREFIX);
        }
    }
}
