package io.cauri.bench.cost;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.Map;

/**
 * SQS's part of {@link CostMeter}: every request billed by started 64 KB of the payload it carries ("billed"); a
 * receive that found nothing is counted apart ("empty": an event source mapping's idle long polls cost the same
 * whatever the payments, so they are not a payment's).
 */
final class SqsCounter {
    private SqsCounter() {
    }

    static void count(String who, String op, SdkRequest request, SdkResponse response) {
        if (request instanceof SendMessageRequest s) {
            CostMeter.add(who, "sqs", op, "billed", Units.chunks(size(s.messageBody(), s.messageAttributes())));
            CostMeter.add(who, "sqs", op, "messages", 1);
        } else if (request instanceof SendMessageBatchRequest b) {
            long bytes = b.entries().stream().mapToLong(e -> size(e.messageBody(), e.messageAttributes())).sum();
            CostMeter.add(who, "sqs", op, "billed", Units.chunks(bytes));
            CostMeter.add(who, "sqs", op, "messages", b.entries().size());
        } else if (response instanceof ReceiveMessageResponse r) {
            int n = r.hasMessages() ? r.messages().size() : 0;
            if (n == 0) {
                CostMeter.add(who, "sqs", op, "empty", 1);
            } else {
                long bytes = r.messages().stream().mapToLong(m -> size(m.body(), m.messageAttributes())).sum();
                CostMeter.add(who, "sqs", op, "billed", Units.chunks(bytes));
                CostMeter.add(who, "sqs", op, "messages", n);
            }
        } else {
            CostMeter.add(who, "sqs", op, "billed", 1);
        }
    }

    static long size(String body, Map<String, MessageAttributeValue> attributes) {
        long bytes = body == null ? 0 : Units.utf8(body);
        if (attributes != null) {
            for (Map.Entry<String, MessageAttributeValue> a : attributes.entrySet()) {
                bytes += Units.utf8(a.getKey()) + Units.utf8(a.getValue().dataType())
                        + (a.getValue().stringValue() == null ? 0 : Units.utf8(a.getValue().stringValue()))
                        + Units.bytes(a.getValue().binaryValue());
            }
        }
        return bytes;
    }
}
