package io.cauri.store;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.ledger.Balance;
import io.cauri.ledger.ConcurrentPostingException;
import io.cauri.ledger.Ledger;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** {@link Ledger} on the DynamoDB ledger table ({@link LedgerTableSchema}). */
@Singleton
public class DynamoLedger implements Ledger {
    /** Items per query request: each DynamoDB answer (and what is held of it) stays small. */
    static final int READ_PAGE = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoLedger(DynamoDbClient dynamo, TableNames names, Clock clock) {
        this.dynamo = dynamo;
        this.table = names.ledger();
        this.clock = clock;
    }

    @Override
    public List<Balance> balances(String merchantId, Mode mode) {
        Instant asOf = Instant.now(clock);
        QueryResponse answer = dynamo.query(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :balance)")
                .expressionAttributeNames(Map.of("#pk", LedgerTableSchema.PK, "#sk", LedgerTableSchema.SK))
                .expressionAttributeValues(Map.of(
                        ":pk", LedgerTableSchema.s(LedgerTableSchema.books(merchantId, mode)),
                        ":balance", LedgerTableSchema.s(LedgerTableSchema.BALANCE))));
        List<Balance> balances = new ArrayList<>();
        for (Map<String, AttributeValue> item : answer.items()) {
            balances.add(balance(item, asOf));
        }
        return balances;
    }

    @Override
    public Balance balance(String merchantId, Mode mode, Currency currency) {
        Instant asOf = Instant.now(clock);
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(merchantId, mode, LedgerTableSchema.balanceKey(currency)))).item();
        return item == null || item.isEmpty() ? Balance.empty(currency, asOf) : balance(item, asOf);
    }

    @Override
    public boolean post(LedgerTransaction transaction) {
        LedgerWrites writes = LedgerWrites.of(table, List.of(transaction));
        try {
            // the token makes the SDK's own retry of a transaction that landed (its answer lost) a no-op success
            dynamo.transactWriteItems(t -> t.transactItems(writes.items()).clientRequestToken(Ids.next("")));
            return true;
        } catch (TransactionCanceledException e) {
            LedgerWrites.Refused refused = writes.refused(e.cancellationReasons(), 0);
            if (refused instanceof LedgerWrites.Refused.AlreadyPosted) {
                return false;
            }
            if (refused instanceof LedgerWrites.Refused.Insufficient insufficient) {
                throw insufficient.exception("amount");
            }
            if (e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                throw new ConcurrentPostingException(transaction.id());
            }
            throw e;
        }
    }

    @Override
    public Optional<LedgerTransaction> find(String merchantId, Mode mode, String transactionId) {
        if (!Ids.looksLike(Ids.LEDGER_TRANSACTION, transactionId)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(merchantId, mode, LedgerTableSchema.transactionKey(transactionId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LedgerTableSchema.transaction(item));
    }

    @Override
    public Page page(String merchantId, Mode mode, int limit, LedgerTransaction after, LedgerTransaction before) {
        boolean backwards = before != null; // newer than `before`: read forwards from it, then show newest first
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(LedgerTableSchema.BY_TIME)
                .consistentRead(true)
                .scanIndexForward(backwards)
                .limit(Math.min(READ_PAGE, limit + 1));
        String pk = LedgerTableSchema.books(merchantId, mode);
        if (after != null) {
            q.keyConditionExpression("#pk = :pk AND #at < :cursor").expressionAttributeNames(atNames()).expressionAttributeValues(Map.of(
                    ":pk", LedgerTableSchema.s(pk), ":cursor", LedgerTableSchema.s(LedgerTableSchema.at(after))));
        } else if (before != null) {
            q.keyConditionExpression("#pk = :pk AND #at > :cursor").expressionAttributeNames(atNames()).expressionAttributeValues(Map.of(
                    ":pk", LedgerTableSchema.s(pk), ":cursor", LedgerTableSchema.s(LedgerTableSchema.at(before))));
        } else {
            q.keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", LedgerTableSchema.PK))
                    .expressionAttributeValues(Map.of(":pk", LedgerTableSchema.s(pk)));
        }
        List<LedgerTransaction> items = new ArrayList<>(limit + 1);
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse answer = dynamo.query(q.exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : answer.items()) {
                if (items.size() <= limit) {
                    items.add(LedgerTableSchema.transaction(item));
                }
            }
            start = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty() ? answer.lastEvaluatedKey() : null;
        } while (start != null && items.size() <= limit);
        boolean hasMore = items.size() > limit;
        List<LedgerTransaction> page = new ArrayList<>(items.subList(0, Math.min(limit, items.size())));
        if (backwards) {
            java.util.Collections.reverse(page);
        }
        return new Page(page, hasMore);
    }

    @Override
    public Iterable<LedgerTransaction> between(String merchantId, Mode mode, Instant from, Instant to) {
        // [from, to): "at" is the created-at then '#' and the id, so every item of `to` sorts above to's bare time
        QueryRequest first = QueryRequest.builder().tableName(table).indexName(LedgerTableSchema.BY_TIME)
                .consistentRead(true).scanIndexForward(true).limit(READ_PAGE)
                .keyConditionExpression("#pk = :pk AND #at BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", LedgerTableSchema.PK, "#at", LedgerTableSchema.AT))
                .expressionAttributeValues(Map.of(
                        ":pk", LedgerTableSchema.s(LedgerTableSchema.books(merchantId, mode)),
                        ":from", LedgerTableSchema.s(Timestamps.format(from)),
                        ":to", LedgerTableSchema.s(Timestamps.format(to.minusMillis(1)) + "#~")))
                .build();
        return () -> new Iterator<>() {
            private Iterator<Map<String, AttributeValue>> items = List.<Map<String, AttributeValue>>of().iterator();
            private Map<String, AttributeValue> start;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!items.hasNext() && !done) {
                    QueryResponse answer = dynamo.query(first.toBuilder().exclusiveStartKey(start).build());
                    items = answer.items().iterator();
                    start = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty()
                            ? answer.lastEvaluatedKey() : null;
                    done = start == null;
                }
                return items.hasNext();
            }

            @Override
            public LedgerTransaction next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return LedgerTableSchema.transaction(items.next());
            }
        };
    }

    private static Map<String, String> atNames() {
        return Map.of("#pk", LedgerTableSchema.PK, "#at", LedgerTableSchema.AT);
    }

    private static Balance balance(Map<String, AttributeValue> item, Instant asOf) {
        AttributeValue count = item.get(LedgerTableSchema.TRANSACTIONS);
        return new Balance(Currency.valueOf(item.get("currency").s()), LedgerTableSchema.accounts(item),
                count == null ? 0 : Long.parseLong(count.n()), asOf);
    }

    private static Map<String, AttributeValue> key(String merchantId, Mode mode, String sk) {
        return Map.of(LedgerTableSchema.PK, LedgerTableSchema.s(LedgerTableSchema.books(merchantId, mode)),
                LedgerTableSchema.SK, LedgerTableSchema.s(sk));
    }
}
