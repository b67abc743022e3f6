package io.cauri.aws;

import io.cauri.provider.PayoutCheck;
import io.cauri.provider.PayoutCheckScheduler;
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
 * {@link PayoutCheckScheduler} on the provider-events SQS queue (the one {@link SqsProviderEventScheduler} uses):
 * one message per check, {@code DelaySeconds} at most 15 minutes, its body a {@link PayoutCheckMessage} which the
 * provider-events function tells apart from payment events by its {@code type}. The send returns once SQS has
 * stored the message: the check is durable before the provider is called.
 */
@Singleton
@Requires(classes = SqsClient.class)
@Requires(property = "cauri.provider-events.queue-url")
public class SqsPayoutCheckScheduler implements PayoutCheckScheduler {
    private static final long MAX_DELAY_SECONDS = 900;

    private final SqsClient sqs;
    private final String queueUrl;
    private final JsonMapper json;

    public SqsPayoutCheckScheduler(@Value("${cauri.provider-events.queue-url}") String queueUrl,
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
    public void schedule(PayoutCheck check, Duration delay) {
        long seconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, (delay.toMillis() + 999) / 1000));
        try {
            String body = json.writeValueAsString(PayoutCheckMessage.of(check));
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).delaySeconds((int) seconds));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
