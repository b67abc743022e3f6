package io.cauri.bench.cost;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.Map;

/** SNS's part of {@link CostMeter}: each publish billed by started 64 KB of message and attributes ("billed"). */
final class SnsCounter {
    private SnsCounter() {
    }

    static void count(String who, String op, SdkRequest request) {
        if (request instanceof PublishRequest p) {
            CostMeter.add(who, "sns", op, "billed", Units.chunks(size(p.message(), p.messageAttributes())));
            CostMeter.add(who, "sns", op, "messages", 1);
        } else if (request instanceof PublishBatchRequest b) {
            long bytes = b.publishBatchRequestEntries().stream().mapToLong(e -> size(e.message(), e.messageAttributes())).sum();
            CostMeter.add(who, "sns", op, "billed", Units.chunks(bytes));
            CostMeter.add(who, "sns", op, "messages", b.publishBatchRequestEntries().size());
        }
    }

    static long size(String message, Map<String, MessageAttributeValue> attributes) {
        long bytes = message == null ? 0 : Units.utf8(message);
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
