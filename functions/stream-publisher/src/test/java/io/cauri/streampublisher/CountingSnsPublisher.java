package io.cauri.streampublisher;

import io.cauri.aws.SnsEventPublisher;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real SNS publisher on the emulator, through a client that counts the requests it sends (an SDK
 * {@link ExecutionInterceptor}) and can make one PublishBatch entry fail once: the first entry whose message
 * mentions {@link #failEntryOf} is taken out of the request before it leaves (the emulator never sees it) and
 * reported back as a failed entry, a service's fault (SenderFault false), as SNS reports an entry it could not
 * take. Only in contexts started with {@code test.counting-sns=true}.
 */
@Singleton
@Replaces(SnsEventPublisher.class)
@Requires(property = "test.counting-sns", value = "true")
class CountingSnsPublisher extends SnsEventPublisher {
    /** The operation name of every SNS request sent, in order. */
    static final List<String> requests = new CopyOnWriteArrayList<>();
    /** When set: the first PublishBatch entry whose message contains it fails, once. */
    static final AtomicReference<String> failEntryOf = new AtomicReference<>();

    CountingSnsPublisher(@Value("${cauri.events.endpoint}") String endpoint,
                         @Value("${cauri.events.topic-arn}") String topicArn) {
        super(SnsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new Counter())).build(), topicArn);
    }

    static final class Counter implements ExecutionInterceptor {
        private final ThreadLocal<String> removed = new ThreadLocal<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            requests.add(context.request().getClass().getSimpleName());
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            removed.remove();
            String target = failEntryOf.get();
            if (target == null || !(context.request() instanceof PublishBatchRequest batch)) {
                return context.request();
            }
            List<PublishBatchRequestEntry> kept = new ArrayList<>();
            for (PublishBatchRequestEntry entry : batch.publishBatchRequestEntries()) {
                if (removed.get() == null && entry.message().contains(target) && failEntryOf.compareAndSet(target, null)) {
                    removed.set(entry.id());
                } else {
                    kept.add(entry);
                }
            }
            return batch.toBuilder().publishBatchRequestEntries(kept).build();
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            String id = removed.get();
            if (id == null || !(context.response() instanceof PublishBatchResponse response)) {
                return context.response();
            }
            removed.remove();
            List<BatchResultErrorEntry> failed = new ArrayList<>(response.failed());
            failed.add(BatchResultErrorEntry.builder().id(id).code("InternalError")
                    .message("the entry could not be taken").senderFault(false).build());
            return response.toBuilder().failed(failed).build();
        }
    }
}
