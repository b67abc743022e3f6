package io.cauri.bench.cost;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's part of {@link CostMeter}: asks each data request for its consumed capacity (with the indexes'), then
 * adds it as read ("rru") or write ("wru") units, and the global secondary indexes' share apart ("gsi"). Where an
 * answer has no consumed capacity the units are computed from the item sizes ("estimated" counts those requests).
 */
final class DynamoDbCounter {
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

    private DynamoDbCounter() {
    }

    static SdkRequest askForCapacity(SdkRequest request) {
        ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES;
        if (request instanceof GetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof PutItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof UpdateItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof DeleteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof QueryRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof ScanRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof BatchGetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof BatchWriteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof TransactWriteItemsRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        }
        if (request instanceof TransactGetItemsRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        }
        return request;
    }

    static void count(String who, String op, SdkRequest request, SdkResponse response) {
        List<ConsumedCapacity> reported = reported(response);
        String unit = WRITES.contains(op) ? "wru" : "rru";
        if (reported != null && !reported.isEmpty()) {
            for (ConsumedCapacity c : reported) {
                double total = c.capacityUnits() == null ? 0 : c.capacityUnits();
                CostMeter.add(who, "dynamodb", op, unit, total);
                CostMeter.add(who, "dynamodb", op + " " + c.tableName(), unit, total);
                Map<String, Capacity> gsis = c.globalSecondaryIndexes();
                if (gsis != null) {
                    gsis.values().forEach(g -> CostMeter.add(who, "dynamodb", op, "gsi", g.capacityUnits() == null ? 0 : g.capacityUnits()));
                }
            }
            return;
        }
        if (WRITES.contains(op) || op.equals("GetItem") || op.equals("Query") || op.equals("Scan")
                || op.equals("BatchGetItem") || op.equals("TransactGetItems")) {
            CostMeter.add(who, "dynamodb", op, "estimated", 1);
            CostMeter.add(who, "dynamodb", op, unit, estimate(request, response));
        }
    }

    /** The items of a transaction about to be sent, read by the meter ({@link TransactionUnits}). */
    static Object beforeTransaction(SdkRequest request, java.net.URI endpoint) {
        return TransactionUnits.before((TransactWriteItemsRequest) request, endpoint);
    }

    /**
     * A transaction that succeeded, billed by AWS's rules from its items' images ({@link TransactionUnits}), not by
     * DynamoDB Local's report; the meter's reads' time is kept apart ("meter|reads|nanos") for CostRun to take off.
     */
    static void countTransaction(String who, Object before) {
        TransactionUnits.Billed billed = TransactionUnits.after((TransactionUnits.Before) before);
        String op = "TransactWriteItems";
        CostMeter.add(who, "dynamodb", op, "wru", billed.total());
        billed.byTable().forEach((table, units) -> CostMeter.add(who, "dynamodb", op + " " + table, "wru", units));
        CostMeter.add(who, "dynamodb", op, "gsi", billed.gsi());
        CostMeter.add(who, "meter", "reads", "nanos", billed.readNanos());
    }

    /** A transaction that failed: only the time of the meter's reads before it, kept apart as for one that succeeded. */
    static void countReadsOnly(String who, Object before) {
        CostMeter.add(who, "meter", "reads", "nanos", ((TransactionUnits.Before) before).nanos());
    }

    static void countFailure(String who, String op) {
        if (WRITES.contains(op)) {
            double units = op.startsWith("Transact") ? 2 : 1;
            CostMeter.add(who, "dynamodb", op, "wru", units);
            CostMeter.add(who, "dynamodb", op + " refused", "wru", units); // a row of its own in the report
        } else if (!op.startsWith("Describe") && !op.startsWith("List") && !op.endsWith("Table")) {
            CostMeter.add(who, "dynamodb", op, "rru", 0.5);
        }
    }

    private static List<ConsumedCapacity> reported(SdkResponse response) {
        if (response instanceof GetItemResponse r) {
            return one(r.consumedCapacity());
        }
        if (response instanceof PutItemResponse r) {
            return one(r.consumedCapacity());
        }
        if (response instanceof UpdateItemResponse r) {
            return one(r.consumedCapacity());
        }
        if (response instanceof DeleteItemResponse r) {
            return one(r.consumedCapacity());
        }
        if (response instanceof QueryResponse r) {
            return one(r.consumedCapacity());
        }
        if (response instanceof ScanResponse r) {
            return one(r.consumedCapacity());
        }
        if (response instanceof BatchGetItemResponse r) {
            return r.hasConsumedCapacity() ? r.consumedCapacity() : null;
        }
        if (response instanceof BatchWriteItemResponse r) {
            return r.hasConsumedCapacity() ? r.consumedCapacity() : null;
        }
        if (response instanceof TransactWriteItemsResponse r) {
            return r.hasConsumedCapacity() ? r.consumedCapacity() : null;
        }
        if (response instanceof TransactGetItemsResponse r) {
            return r.hasConsumedCapacity() ? r.consumedCapacity() : null;
        }
        return null;
    }

    private static List<ConsumedCapacity> one(ConsumedCapacity c) {
        return c == null ? null : List.of(c);
    }

    /** Units by the item sizes the request and answer show (no index writes: the answer did not say which apply). */
    static double estimate(SdkRequest request, SdkResponse response) {
        if (request instanceof PutItemRequest r) {
            return Units.writeUnits(Units.itemSize(r.item()), false);
        }
        if (request instanceof TransactWriteItemsRequest r) {
            return r.transactItems().stream().mapToDouble(t -> Units.writeUnits(
                    t.put() != null ? Units.itemSize(t.put().item()) : 0, true)).sum();
        }
        if (response instanceof GetItemResponse g && request instanceof GetItemRequest r) {
            return Units.readUnits(g.hasItem() ? Units.itemSize(g.item()) : 0, Boolean.TRUE.equals(r.consistentRead()), false);
        }
        if (response instanceof QueryResponse q && request instanceof QueryRequest r) {
            long bytes = q.items().stream().mapToLong(Units::itemSize).sum();
            return Units.readUnits(bytes, Boolean.TRUE.equals(r.consistentRead()), false);
        }
        return 1; // an update or delete: at least one unit (the item's size is not in the request)
    }
}
