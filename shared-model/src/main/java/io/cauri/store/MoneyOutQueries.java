package io.cauri.store;

import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The lists of transfers and refunds: one kind's items of a merchant's books through the local index
 * {@link MoneyOutItems#BY_KIND_TIME} ({@code kindAt} = kind prefix, created-at, id), newest first, with optional
 * equality filters on plain attributes (a reference, a status, an intent). Reads are consistent (a local index
 * allows it), so a transfer just created is listed.
 */
final class MoneyOutQueries {
    /** Items per query request: each DynamoDB answer (and what is held of it) stays small. */
    static final int READ_PAGE = 100;
    /** Sorts above every created-at and id that follow a kind prefix. */
    private static final String HIGHEST = "~";

    private MoneyOutQueries() {
    }

    /** HUB2 paging: page {@code page} (from 1) of {@code perPage} among the matches created in [from, to], and the total. */
    static <T> Counted<T> list(DynamoDbClient dynamo, String table, String merchantId, Mode mode, String prefix,
                               Instant from, Instant to, Map<String, String> filters, int page, int perPage,
                               Function<Map<String, AttributeValue>, T> read) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(LedgerTableSchema.books(merchantId, mode)));
        values.put(":lo", AttributeValue.fromS(prefix + Timestamps.format(from)));
        values.put(":hi", AttributeValue.fromS(prefix + Timestamps.format(to) + "#" + HIGHEST));
        Map<String, String> names = new HashMap<>(Map.of("#pk", LedgerTableSchema.PK, "#k", MoneyOutItems.KIND_AT));
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(MoneyOutItems.BY_KIND_TIME)
                .consistentRead(true).scanIndexForward(false).limit(READ_PAGE)
                .keyConditionExpression("#pk = :pk AND #k BETWEEN :lo AND :hi");
        filter(q, filters, names, values);
        q.expressionAttributeNames(names).expressionAttributeValues(values);
        long skip = (long) (page - 1) * perPage;
        long total = 0;
        List<T> items = new ArrayList<>(perPage);
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse answer = dynamo.query(q.exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : answer.items()) {
                if (total >= skip && items.size() < perPage) {
                    items.add(read.apply(item));
                }
                total++;
            }
            start = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty() ? answer.lastEvaluatedKey() : null;
        } while (start != null);
        return new Counted<>(items, total);
    }

    /**
     * v1 paging, newest first: {@code limit} matches older than the item whose {@code kindAt} is {@code after} (or
     * newer than {@code before}, or the newest), and whether more lie beyond them in that direction.
     */
    static <T> Slice<T> page(DynamoDbClient dynamo, String table, String merchantId, Mode mode, String prefix,
                             int limit, String after, String before, Map<String, String> filters,
                             Function<Map<String, AttributeValue>, T> read) {
        boolean backwards = before != null;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(LedgerTableSchema.books(merchantId, mode)));
        String lo = prefix;
        String hi = prefix + HIGHEST;
        String cursor = after != null ? after : before;
        if (after != null) {
            hi = after;
        } else if (before != null) {
            lo = before;
        }
        values.put(":lo", AttributeValue.fromS(lo));
        values.put(":hi", AttributeValue.fromS(hi));
        Map<String, String> names = new HashMap<>(Map.of("#pk", LedgerTableSchema.PK, "#k", MoneyOutItems.KIND_AT));
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(MoneyOutItems.BY_KIND_TIME)
                .consistentRead(true).scanIndexForward(backwards).limit(READ_PAGE)
                .keyConditionExpression("#pk = :pk AND #k BETWEEN :lo AND :hi");
        filter(q, filters, names, values);
        q.expressionAttributeNames(names).expressionAttributeValues(values);
        List<T> items = new ArrayList<>(limit + 1);
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse answer = dynamo.query(q.exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : answer.items()) {
                // BETWEEN is inclusive: the cursor itself is not part of the page
                if (items.size() <= limit && (cursor == null || !cursor.equals(item.get(MoneyOutItems.KIND_AT).s()))) {
                    items.add(read.apply(item));
                }
            }
            start = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty() ? answer.lastEvaluatedKey() : null;
        } while (start != null && items.size() <= limit);
        boolean hasMore = items.size() > limit;
        List<T> page = new ArrayList<>(items.subList(0, Math.min(limit, items.size())));
        if (backwards) {
            Collections.reverse(page);
        }
        return new Slice<>(page, hasMore);
    }

    /**
     * The pending items of one kind created before {@code cutoff}, oldest first, at most {@code limit}, from the sparse
     * index {@link MoneyOutItems#BY_PENDING} (eventually consistent: read each before acting on it), as checks of
     * their merchant's books.
     */
    static List<io.cauri.provider.PayoutCheck> pending(DynamoDbClient dynamo, String table, String prefix,
                                                        io.cauri.provider.PayoutCheck.Subject subject, Instant since,
                                                        Instant cutoff, int limit) {
        List<io.cauri.provider.PayoutCheck> found = new ArrayList<>();
        // every shard gets its share of the batch, starting at a shard of its own each run: a shard full of items
        // that stay pending never keeps the others' from being read
        int share = (limit + MoneyOutItems.PENDING_SHARDS - 1) / MoneyOutItems.PENDING_SHARDS;
        int first = java.util.concurrent.ThreadLocalRandom.current().nextInt(MoneyOutItems.PENDING_SHARDS);
        for (int i = 0; i < MoneyOutItems.PENDING_SHARDS && found.size() < limit; i++) {
            String key = prefix + (first + i) % MoneyOutItems.PENDING_SHARDS;
            int quota = Math.min(share, limit - found.size());
            int taken = 0;
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse answer = dynamo.query(QueryRequest.builder().tableName(table)
                        .indexName(MoneyOutItems.BY_PENDING).limit(Math.min(READ_PAGE, quota - taken))
                        .keyConditionExpression("#s = :s AND #p BETWEEN :since AND :cutoff")
                        .expressionAttributeNames(Map.of("#s", MoneyOutItems.PENDING_SHARD,
                                "#p", MoneyOutItems.PENDING_AT))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(key),
                                ":since", AttributeValue.fromS(Timestamps.format(since)),
                                ":cutoff", AttributeValue.fromS(Timestamps.format(cutoff))))
                        .exclusiveStartKey(start).build());
                for (Map<String, AttributeValue> item : answer.items()) {
                    String books = item.get(LedgerTableSchema.PK).s();
                    int at = books.lastIndexOf('#');
                    Mode mode = Mode.fromWire(books.substring(at + 1)).orElse(null);
                    if (mode != null && taken < quota) {
                        taken++;
                        found.add(new io.cauri.provider.PayoutCheck(subject, books.substring(0, at), mode,
                                item.get(LedgerTableSchema.SK).s().substring(prefix.length()), 0));
                    }
                }
                start = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty()
                        ? answer.lastEvaluatedKey() : null;
            } while (start != null && taken < quota);
        }
        return found;
    }

    private static void filter(QueryRequest.Builder q, Map<String, String> filters, Map<String, String> names,
                               Map<String, AttributeValue> values) {
        List<String> terms = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> f : filters.entrySet()) {
            if (f.getValue() == null) {
                continue;
            }
            names.put("#f" + i, f.getKey());
            values.put(":f" + i, AttributeValue.fromS(f.getValue()));
            terms.add("#f" + i + " = :f" + i);
            i++;
        }
        if (!terms.isEmpty()) {
            q.filterExpression(String.join(" AND ", terms));
        }
    }

    record Counted<T>(List<T> items, long total) {
    }

    record Slice<T>(List<T> items, boolean hasMore) {
    }
}
