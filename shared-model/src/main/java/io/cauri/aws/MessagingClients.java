package io.cauri.aws;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;

/**
 * The SNS and SQS clients of the event functions, built only in a function configured for them (Lambda
 * contexts create every singleton at start, so other functions must not pay for, or fail on, these). In AWS they use
 * Lambda's region and credentials; {@code cauri.events.endpoint} points both at an emulator (fauxqs serves
 * both APIs on one port).
 */
@Factory
public class MessagingClients {

    private final String endpoint;

    public MessagingClients(@Value("${cauri.events.endpoint:}") String endpoint) {
        this.endpoint = endpoint;
    }

    @Singleton
    @Requires(classes = SnsClient.class)
    @Requires(condition = UsesSns.class)
    SnsClient snsClient() {
        return configure(SnsClient.builder().httpClient(http())).build();
    }

    @Singleton
    @Requires(classes = SqsClient.class)
    @Requires(condition = UsesSqs.class)
    SqsClient sqsClient() {
        return configure(SqsClient.builder().httpClient(http())).build();
    }

    /** The events topic (stream publisher) or the alarm topic (webhook dispatcher) is configured. */
    public static final class UsesSns implements io.micronaut.context.condition.Condition {
        @Override
        public boolean matches(io.micronaut.context.condition.ConditionContext context) {
            var resolver = context.getBeanContext() instanceof io.micronaut.core.value.PropertyResolver p ? p : null;
            return resolver != null && (resolver.containsProperty("cauri.events.topic-arn")
                    || new SnsOperatorAlarms.TopicConfigured().matches(context));
        }
    }

    /** The webhook queue (dispatcher, webhooks) or the stream-failures queue (stream publisher) is configured. */
    public static final class UsesSqs implements io.micronaut.context.condition.Condition {
        @Override
        public boolean matches(io.micronaut.context.condition.ConditionContext context) {
            var resolver = context.getBeanContext() instanceof io.micronaut.core.value.PropertyResolver p ? p : null;
            return resolver != null && (resolver.containsProperty("cauri.webhooks.queue-url")
                    || resolver.containsProperty("cauri.events.failures-queue-url"));
        }
    }

    private static software.amazon.awssdk.http.SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            String region = System.getenv("AWS_REGION");
            if (region != null) {
                builder.region(Region.of(region));
            }
        }
        return builder;
    }
}
