package io.cauri.bench.cost;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;

/**
 * DynamoDB Streams' part of {@link CostMeter}: the records each GetRecords read (free on AWS when a Lambda event source
 * mapping reads them; counted to show the reads a payment causes).
 */
final class StreamsCounter {
    private StreamsCounter() {
    }

    static void count(String who, String op, SdkResponse response) {
        if (response instanceof GetRecordsResponse r) {
            int n = r.hasRecords() ? r.records().size() : 0;
            CostMeter.add(who, "dynamodbstreams", op, "records", n);
            CostMeter.add(who, "dynamodbstreams", op, n == 0 ? "empty" : "nonempty", 1);
        }
    }
}
