package io.cauri.store;

import io.cauri.merchant.Mode;
import io.cauri.transfer.RecipientBlocklist;
import io.cauri.transfer.Transfers;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link RecipientBlocklist} in the merchant's books partition of the ledger table: one item per number
 * ({@code sk} = {@code msisdn#<number>}) with its recent failed transfers (transfer id → when) and, once blocked, until
 * when. Changed by a read, then a write conditional on the item's version (racing failures retry), so a failure
 * counted twice (a redelivered answer) counts once.
 */
@Singleton
public class DynamoRecipientBlocklist implements RecipientBlocklist {
    static final String MSISDN = "msisdn#";
    private static final String FAILURES = "failures";
    private static final String BLOCKED_UNTIL = "blockedUntil";
    private static final String VERSION = "version";
    private static final int TRIES = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRecipientBlocklist(DynamoDbClient dynamo, TableNames names) {
        this.dynamo = dynamo;
        this.table = names.ledger();
    }

    @Override
    public boolean blocked(String merchantId, Mode mode, String msisdn, Instant now) {
        Map<String, AttributeValue> item = read(merchantId, mode, msisdn);
        AttributeValue until = item == null ? null : item.get(BLOCKED_UNTIL);
        return until != null && Long.parseLong(until.n()) > now.toEpochMilli();
    }

    @Override
    public void failed(String merchantId, Mode mode, String msisdn, String transferId, Instant at) {
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            Map<String, AttributeValue> item = read(merchantId, mode, msisdn);
            long version = item == null || item.get(VERSION) == null ? 0 : Long.parseLong(item.get(VERSION).n());
            Map<String, AttributeValue> failures = new HashMap<>();
            long since = at.minus(Transfers.FAILURE_WINDOW).toEpochMilli();
            if (item != null && item.get(FAILURES) != null) {
                // only the failures of the window are kept: the item stays small
                item.get(FAILURES).m().forEach((id, when) -> {
                    if (Long.parseLong(when.n()) > since) {
                        failures.put(id, when);
                    }
                });
            }
            failures.put(transferId, AttributeValue.fromN(Long.toString(at.toEpochMilli())));
            Map<String, AttributeValue> next = new HashMap<>(key(merchantId, mode, msisdn));
            next.put(FAILURES, AttributeValue.fromM(failures));
            next.put(VERSION, AttributeValue.fromN(Long.toString(version + 1)));
            AttributeValue until = item == null ? null : item.get(BLOCKED_UNTIL);
            if (failures.size() >= Transfers.BLOCK_AFTER) {
                until = AttributeValue.fromN(Long.toString(at.plus(Transfers.BLOCK_FOR).toEpochMilli()));
            }
            if (until != null) {
                next.put(BLOCKED_UNTIL, until);
            }
            try {
                dynamo.putItem(p -> p.tableName(table).item(next)
                        .conditionExpression(version == 0 ? "attribute_not_exists(#v)" : "#v = :v")
                        .expressionAttributeNames(Map.of("#v", VERSION))
                        .expressionAttributeValues(version == 0 ? null
                                : Map.of(":v", AttributeValue.fromN(Long.toString(version)))));
                return;
            } catch (ConditionalCheckFailedException raced) {
                // another failure of the same number was counted meanwhile: count this one on top of it
            }
        }
        throw new IllegalStateException("failures of one number kept racing; transfer " + transferId + " not counted");
    }

    private Map<String, AttributeValue> read(String merchantId, Mode mode, String msisdn) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(merchantId, mode, msisdn))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static Map<String, AttributeValue> key(String merchantId, Mode mode, String msisdn) {
        return Map.of(LedgerTableSchema.PK, AttributeValue.fromS(LedgerTableSchema.books(merchantId, mode)),
                LedgerTableSchema.SK, AttributeValue.fromS(MSISDN + msisdn));
    }
}
