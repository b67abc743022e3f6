package io.cauri.aws;

import io.cauri.provider.ProviderEvent;
import io.cauri.provider.ProviderEventScheduler;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * {@link ProviderEventScheduler} on SQS: one message per event with {@code DelaySeconds} (SQS allows up
 * to 15 minutes; the longest sandbox window, the OTP's, is 10). The provider-events function consumes the
 * queue. {@code cauri.provider-events.endpoint} points it at an SQS emulator.
 */
@Singleton
@Requires(classes = SqsClient.class) // only in the jars of the functions that declare the SQS client
@Requires(property = "cauri.provider-events.queue-url")
public class SqsProviderEventScheduler implements ProviderEventScheduler {
    private static final long MAX_DELAY_SECONDS = 900;

    private final SqsClient sqs;
    private final String queueUrl;
    private final JsonMapper json;

    public SqsProviderEventScheduler(@Value("${cauri.provider-events.queue-url}") String queueUrl,
                                     @Value("${cauri.provider-events.endpoint:}") String endpoint, JsonMapper json) {
        var builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        this.sqs = builder.build();
        this.queueUrl = queueUrl;
        this.json = json;
    }

    @Override
    public void schedule(ProviderEvent event, Duration delay) {
        long seconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, (delay.toMillis() + 999) / 1000));
        try {
            String body = json.writeValueAsString(ProviderEventMessage.of(event));
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).delaySeconds((int) seconds));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
