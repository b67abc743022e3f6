package io.cauri.store;

import io.cauri.init.WarmUpGate;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Loads the AWS SDK and the JDK's TLS stack on a second core while Micronaut starts. The DynamoDB client
 * needs its configuration, which exists only once the application context's environment has started,
 * half-way through a cold start; but most of the cost of building it — loading and initialising some two
 * thousand SDK classes, reading the JDK's trust store — does not depend on that configuration. So as soon as
 * an application context builder exists (an {@link ApplicationContextConfigurer} is called from its
 * constructor), a throwaway client with the same HTTP client and no credentials is built and closed on its
 * own thread: no network call, no credentials, nothing kept but warm classes. Once per class loader.
 * <p>
 * The real clients wait for it before they start ({@link WarmUpGate#await()}), so the SDK's classes are never
 * initialised by two threads at once.
 * <p>
 * It pays where a second core is free during init (bench/coldstart on 2 idle cores: about 10 % off both the
 * plain and the AppCDS cold start); on a busy or single core it only adds the throwaway client's few
 * milliseconds of work (no difference measured under load). Under SnapStart, init is paid once per version.
 */
@ContextConfigurer
public final class SdkWarmUp implements ApplicationContextConfigurer {

    @Override
    public void configure(ApplicationContextBuilder builder) {
        start();
    }

    static void start() {
        WarmUpGate.startOnce("sdk-warm-up", () -> {
            try (DynamoDbClient client = DynamoDbClient.builder()
                    .region(Region.US_EAST_1)
                    .credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                return client != null;
            }
        });
    }
}
