package io.cauri.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.cauri.local.PropertyConnectorSettings;
import io.cauri.provider.ConnectorSettings;
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
import java.time.Instant;
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
 *   <li>Cached per connector: concurrent first uses make one call; a value is kept {@link #DEFAULT_TTL} (or
 *       {@code cauri.connector-secrets-ttl}) so that a rotated credential is picked up within that time. A
 *       failed read (missing secret, Secrets Manager unreachable, malformed value) is retried after
 *       {@link #RETRY_AFTER_FAILURE} at the earliest, so an outage does not turn every payment into a slow call;
 *       while a refresh fails, the last good value stays in use (a credential that was valid minutes ago is
 *       the best there is).</li>
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
public final class SecretsManagerConnectorSettings implements ConnectorSettings {
    static final String PREFIX = "cauri.connector-secrets";
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerConnectorSettings.class);
    // no source excerpt in a parser's error location: the source is a secret
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private final Function<String, Optional<String>> secretIds;
    private final Duration ttl;
    private final Clock clock;
    private final Supplier<SecretsManagerClient> clientFactory;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile SecretsManagerClient client;
    private volatile long generation;

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
        Slot slot = slots.computeIfAbsent(connector, c -> new Slot());
        synchronized (slot) { // one read per connector at a time: concurrent first uses wait for it
            Instant now = clock.instant();
            if (slot.generation == generation && slot.next != null && now.isBefore(slot.next)) {
                return slot.value;
            }
            long reading = generation;
            if (slot.generation != reading) {
                slot.value = Optional.empty(); // forgotten: a value from before a snapshot is not kept as a fallback
            }
            Optional<Map<String, String>> read = read(connector, secretId.get());
            slot.generation = reading;
            if (read.isPresent()) {
                slot.value = read;
                slot.next = now.plus(ttl);
            } else {
                slot.next = now.plus(RETRY_AFTER_FAILURE.compareTo(ttl) < 0 ? RETRY_AFTER_FAILURE : ttl);
                if (slot.value.isPresent()) {
                    LOG.warn("connector {}: keeping its previous settings until secret {} can be read again",
                            connector, secretId.get());
                }
            }
            return slot.value;
        }
    }

    /** Drops every cached value: the next use of each connector reads its secret again. */
    public void forget() {
        generation++; // volatile, and only ever set from one thread (the SnapStart hook)
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

    /** Cache slot of one connector; guarded by itself. */
    private static final class Slot {
        Optional<Map<String, String>> value = Optional.empty();
        Instant next;
        long generation = -1;
    }

    /** Any {@code cauri.connector-secrets.*} property is set. */
    public static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return context.getBeanContext() instanceof PropertyResolver resolver && resolver.containsProperties(PREFIX);
        }
    }
}
