package io.cauri.aws;

import io.cauri.webhook.OperatorAlarms;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * {@link OperatorAlarms} on the alarm SNS topic (template.yaml's AlarmTopic): property
 * {@code cauri.alarms.topic-arn}, or the environment variable {@code CAURI_ALARM_TOPIC_ARN} template.yaml sets
 * (which Micronaut reads as {@code cauri.alarm.topic-arn}).
 */
@Singleton
@Requires(classes = SnsClient.class) // only in the jars of the functions that declare the SNS client
@Requires(condition = SnsOperatorAlarms.TopicConfigured.class)
public class SnsOperatorAlarms implements OperatorAlarms {
    /** Either spelling of the alarm topic's ARN is set. */
    public static final class TopicConfigured implements io.micronaut.context.condition.Condition {
        @Override
        public boolean matches(io.micronaut.context.condition.ConditionContext context) {
            var resolver = context.getBeanContext() instanceof io.micronaut.core.value.PropertyResolver p ? p : null;
            return resolver != null && (resolver.containsProperty("cauri.alarms.topic-arn")
                    || resolver.containsProperty("cauri.alarm.topic-arn"));
        }
    }

    private final SnsClient sns;
    private final String topicArn;

    public SnsOperatorAlarms(SnsClient sns, @Value("${cauri.alarms.topic-arn:${cauri.alarm.topic-arn}}") String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void raise(String subject, String message) {
        // SNS refuses a subject over 100 characters or with control characters
        String line = subject.replaceAll("[^\\x20-\\x7e]", "?");
        sns.publish(r -> r.topicArn(topicArn).subject(line.length() > 100 ? line.substring(0, 100) : line)
                .message(message));
    }
}
