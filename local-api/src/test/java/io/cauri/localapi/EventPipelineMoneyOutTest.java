package io.cauri.localapi;

import io.cauri.event.EventEnvelope;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.localaws.LocalDynamoDb;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoDeliveryLog;
import io.cauri.store.MoneyOutItems;
import io.cauri.store.TableNames;
import io.cauri.stream.IntentChangePublisher;
import io.cauri.stream.MoneyOutChangePublisher;
import io.cauri.transfer.Destination;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.TransferStatus;
import io.cauri.webhook.DeliveryLog;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * local-api's in-process event path (no emulator) reads the ledger table's stream as the stream-publisher handler
 * does: a transfer's changes become its events, the ledger's own items none.
 */
class EventPipelineMoneyOutTest {

    @Test
    void theInProcessPublisherAnnouncesATransfersChangesAndNothingForTheJournal() throws Exception {
        try (LocalDynamoDb dynamo = LocalApi.startDynamoDb(null)) {
            String table = TableNames.defaults().ledger();
            String arn = StreamPoller.streamArn(dynamo, table);
            List<EventEnvelope> published = new CopyOnWriteArrayList<>();
            DeliveryLog log = new DynamoDeliveryLog(dynamo.client(), TableNames.defaults(), Duration.ofDays(30));
            JsonMapper json = io.micronaut.serde.ObjectMapper.getDefault();
            try (StreamPoller poller = StreamPoller.ofRecords(dynamo.streamsClient(), arn,
                    records -> EventPipeline.publish(new IntentChangePublisher(published::add, log, json),
                            new MoneyOutChangePublisher(published::add, log, json), records), 100)) {
                Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                Transfer pending = new Transfer(Ids.next(Ids.TRANSFER), "m_local", Mode.SANDBOX, "payout-1", 1_000,
                        Currency.XOF, null, new Destination("mobile_money", "SN", "Fatou", "+221770000001", "wave"),
                        TransferStatus.PENDING, null, null, null, null, t0, t0, 1L);
                dynamo.client().putItem(r -> r.tableName(table).item(MoneyOutItems.item(pending)));
                dynamo.client().putItem(r -> r.tableName(table).item(Map.of(
                        "pk", AttributeValue.fromS("m_local#sandbox"), "sk", AttributeValue.fromS("txn#txn_local1"))));
                Transfer paid = new Transfer(pending.id(), pending.merchantId(), pending.mode(), pending.reference(),
                        pending.amount(), pending.currency(), null, pending.destination(), TransferStatus.SUCCESSFUL,
                        null, null, null, "wave-1", t0, t0.plusSeconds(1), 2L);
                dynamo.client().putItem(r -> r.tableName(table).item(MoneyOutItems.item(paid)));

                int handled = 0;
                for (int i = 0; i < 5 && handled < 3; i++) {
                    handled += poller.pollOnce();
                }
                assertEquals(3, handled);
                assertEquals(0, poller.retries(), "the journal item is passed over, not a failure");
            }
            assertEquals(List.of("transfer.created", "transfer.succeeded"),
                    published.stream().map(e -> e.type().wire()).toList());
            assertTrue(published.stream().allMatch(e -> e.intentId().equals(published.get(0).intentId())));
            assertEquals(2, log.eventsOfIntent(published.get(0).intentId()).size(), "logged before announced");
        }
    }
}
