package io.cauri.streampublisher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.Mode;
import io.cauri.store.TableNames;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.EmfLines;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalRepositories;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The business metrics the stream publisher emits, read from its output as CloudWatch reads Embedded Metric
 * Format lines: an intent's creation, its payment attempt, the attempt's outcome and time to final status,
 * the lag of each record; each change counted once, also when a batch fails part-way and is delivered again.
 */
class StreamMetricsTest {
    static LocalEvents events;
    static StreamPublisherHandler handler;

    @BeforeAll
    static void start() {
        events = new LocalEvents(30);
        Map<String, Object> properties = new HashMap<>(events.properties());
        properties.put("test.crash-publisher", "true");
        handler = new StreamPublisherHandler(ApplicationContext.builder().properties(properties));
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    @Test
    void theSampleBatchCountsTheCreationTheAttemptItsSuccessAndItsTimeToFinalStatus() throws Exception {
        DynamodbEvent batch = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
                .readValue(Path.of("../../events/stream-publisher/intents-stream-batch.json").toFile(), DynamodbEvent.class);
        List<JsonNode> lines = EmfLines.parse(EmfLines.capture(
                () -> assertEquals(List.of(), handler.handleRequest(batch, new MockLambdaContext()).getBatchItemFailures())));

        JsonNode created = single(lines, "IntentsCreated");
        assertEquals("sandbox", created.get("Mode").asText());
        assertEquals(List.of(List.of("Mode")), EmfLines.dimensionSets(created, "IntentsCreated"));

        for (String name : List.of("PaymentAttempts", "PaymentsSucceeded")) {
            JsonNode line = single(lines, name);
            assertEquals(List.of("sandbox", "CI", "orange"),
                    List.of(line.get("Mode").asText(), line.get("Country").asText(), line.get("Operator").asText()));
            assertEquals(List.of(List.of("Mode", "Country", "Operator")), EmfLines.dimensionSets(line, name));
            assertEquals("Count", EmfLines.unit(line, name));
        }
        assertTrue(EmfLines.withMetric(lines, "PaymentsFailed").isEmpty());

        JsonNode time = single(lines, "TimeToFinalStatus");
        assertEquals(14_333, time.get("TimeToFinalStatus").asLong(), "10:15:31.456 to 10:15:45.789");
        assertEquals("Milliseconds", EmfLines.unit(time, "TimeToFinalStatus"));
        assertEquals(List.of(List.of("Mode", "Operator")), EmfLines.dimensionSets(time, "TimeToFinalStatus"));

        List<JsonNode> lags = EmfLines.withMetric(lines, "StreamPublisherLag");
        assertEquals(3, lags.size(), "one per record");
        for (JsonNode lag : lags) {
            assertEquals("Milliseconds", EmfLines.unit(lag, "StreamPublisherLag"));
            assertEquals(List.of(List.of()), EmfLines.dimensionSets(lag, "StreamPublisherLag"));
            assertTrue(lag.get("StreamPublisherLag").asLong() > 0, "the sample records are days old");
        }
        for (JsonNode line : lines) {
            assertEquals("Cauri", line.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText());
        }
    }

    @Test
    void aBatchKilledOnRecordKCountsEachCreationOnce() throws Exception {
        List<JsonNode> lines;
        try (StreamPoller poller = DynamoDbLocal.shared().streamPoller(TableNames.defaults().intents(),
                batch -> handler.handleRequest(batch, new MockLambdaContext()), 10)) {
            List<String> intentIds = new ArrayList<>();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String merchant = Ids.next("m_");
            for (int i = 0; i < 5; i++) {
                intentIds.add(LocalRepositories.intents().create(PaymentIntent.open(Ids.next(Ids.INTENT), merchant,
                        Mode.LIVE, now, "order-" + i, "cust-1", 1000 + i, Currency.XOF, null)).id());
            }
            CrashingPublisher.crashOnIntent.set(intentIds.get(2));
            lines = EmfLines.parse(EmfLines.capture(() -> {
                assertEquals(2, poller.pollOnce(), "records before k were accepted");
                assertEquals(3, poller.pollOnce(), "records k.. were delivered again and published");
            }));
        }
        List<JsonNode> created = EmfLines.withMetric(lines, "IntentsCreated");
        assertEquals(5, created.size(), "five creations, each counted once: " + created);
        assertTrue(created.stream().allMatch(l -> l.get("Mode").asText().equals("live")));
        List<JsonNode> lags = EmfLines.withMetric(lines, "StreamPublisherLag");
        // the whole batch is read (and logged) before any of it is announced: 5 records, then k.. (3) again
        assertEquals(8, lags.size(), "one per record read: records k.. were read twice");
        assertTrue(lags.stream().allMatch(l -> l.get("StreamPublisherLag").asLong() >= 0
                && l.get("StreamPublisherLag").asLong() < 600_000), "DynamoDB Local's records are fresh: " + lags);
    }

    private static JsonNode single(List<JsonNode> lines, String metric) {
        List<JsonNode> found = EmfLines.withMetric(lines, metric);
        assertEquals(1, found.size(), metric + " in " + lines);
        return found.get(0);
    }
}
