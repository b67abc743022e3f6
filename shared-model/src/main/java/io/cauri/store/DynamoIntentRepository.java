package io.cauri.store;

import io.cauri.id.Ids;
import io.cauri.intent.ConcurrentChangeException;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.PaymentIntent;
import io.cauri.ledger.IntentBookkeeping;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** {@link IntentRepository} on DynamoDB; the version attribute makes every write conditional. */
@Singleton
public class DynamoIntentRepository implements IntentRepository, IntentBookkeeping {
    /** Items per query request of the list reads: each DynamoDB answer (and what is held of it) stays small. */
    static final int READ_PAGE = 100;

    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient client;
    private final String intentsTable;
    private final String ledgerTable;
    private final DynamoDbTable<PaymentIntent> table;
    /** The same table, written through: every write stores the intent with a token of its own. */
    private final DynamoDbTable<IntentTableSchema.WrittenIntent> writes;
    private final DynamoDbTable<IntentTableSchema.PaymentEntry> paymentEntries;
    private final DynamoDbIndex<PaymentIntent> byMerchant;
    private final DynamoDbIndex<IntentTableSchema.UnpaidEntry> unpaidByExpiry;

    public DynamoIntentRepository(DynamoDbClient dynamo, DynamoDbEnhancedClient client, TableNames names) {
        this.dynamo = dynamo;
        this.client = client;
        this.intentsTable = names.intents();
        this.ledgerTable = names.ledger();
        this.table = client.table(names.intents(), IntentTableSchema.INTENT);
        this.writes = client.table(names.intents(), IntentTableSchema.WRITTEN_INTENT);
        this.paymentEntries = client.table(names.payments(), IntentTableSchema.PAYMENT_ENTRY);
        this.byMerchant = table.index(IntentTableSchema.BY_MERCHANT);
        this.unpaidByExpiry = client.table(names.intents(), IntentTableSchema.UNPAID_ENTRY)
                .index(IntentTableSchema.UNPAID_BY_EXPIRY);
    }

    @Override
    public PaymentIntent create(PaymentIntent intent) {
        if (intent.version() != null) {
            throw new IllegalArgumentException("a new intent has no version yet");
        }
        PaymentIntent created = withVersion(intent, 1L);
        String token = writeToken();
        try {
            // version null → condition attribute_not_exists(version): never overwrites
            writes.putItem(new IntentTableSchema.WrittenIntent(intent, token));
        } catch (ConditionalCheckFailedException e) {
            // The SDK retries a write whose answer it lost (timeout, connection reset): if the first try had landed,
            // the retry fails its own condition. Ours if the stored item carries this write's token: the same
            // intent created twice (the same id) is a collision, not a success of both.
            if (storedBy(intent.id(), token)) {
                return created;
            }
            throw new IllegalStateException("intent id collision: " + intent.id(), e);
        }
        return created;
    }

    @Override
    public PaymentIntent update(PaymentIntent intent) {
        if (intent.version() == null) {
            // without a version the extension would write "only if absent": an update would create the item
            throw new IllegalArgumentException("an intent to update is one read from the table, with its version");
        }
        PaymentIntent written = withVersion(intent, intent.version() + 1);
        String token = writeToken();
        try {
            // condition version = :read_version, then version + 1
            writes.putItem(new IntentTableSchema.WrittenIntent(intent, token));
        } catch (ConditionalCheckFailedException e) {
            // Changed since read — or the SDK retried this very write after it had landed (its answer lost), and
            // the retry failed its own condition: then the stored item carries this write's token. Not enough:
            // that what is stored equals what we wrote. Racers that read the same version and made the same
            // change in the same millisecond (two authentications of one OTP, two cancels) write equal intents,
            // and each would take the other's write for its own: two winners, two calls to the provider.
            if (storedBy(intent.id(), token)) {
                return written;
            }
            throw new ConcurrentChangeException(intent.id());
        } catch (TransactionConflictException e) {
            // an attempt's transaction is writing it right now (DynamoDB refuses a plain write to an item inside
            // an ongoing transaction): nothing was written, this writer lost the race
            throw new ConcurrentChangeException(intent.id());
        }
        return written;
    }

    /**
     * The change and its postings in one DynamoDB transaction: the intent on the same version condition as
     * {@link #update(PaymentIntent)}, each posting's journal item only if absent, the books' balances added to.
     * The item is mapped by the same schema the enhanced client writes with; the version is set here, as the
     * versioned-record extension would.
     */
    @Override
    public PaymentIntent update(PaymentIntent intent, List<LedgerTransaction> postings) {
        if (postings.isEmpty()) {
            return update(intent);
        }
        if (intent.version() == null) {
            throw new IllegalArgumentException("an intent to update is one read from the table, with its version");
        }
        PaymentIntent written = withVersion(intent, intent.version() + 1);
        Map<String, AttributeValue> item = IntentTableSchema.WRITTEN_INTENT.itemToMap(
                new IntentTableSchema.WrittenIntent(written, writeToken()), true);
        LedgerWrites ledger = LedgerWrites.of(ledgerTable, postings);
        List<TransactWriteItem> items = new ArrayList<>(1 + ledger.items().size());
        items.add(TransactWriteItem.builder().put(p -> p.tableName(intentsTable).item(item)
                .conditionExpression("#v = :v")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(intent.version())))))
                .build());
        items.addAll(ledger.items());
        try {
            // the token makes the SDK's retry of a transaction that landed (its answer lost) succeed without a
            // second effect, for ten minutes: the lost-answer case needs no read-back here
            dynamo.transactWriteItems(t -> t.transactItems(items).clientRequestToken(Ids.next("")));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new ConcurrentChangeException(intent.id());
            }
            if (ledger.refused(reasons, 1) instanceof LedgerWrites.Refused.AlreadyPosted posted) {
                // the version matched, yet the posting exists: its cause was applied through another path
                throw new IllegalStateException("posting " + posted.transaction().id() + " exists for a change of "
                        + intent.id() + " that has not happened");
            }
            if (reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                // another transaction on the intent or the same books is under way: nothing was written
                throw new ConcurrentChangeException(intent.id());
            }
            throw e; // throttled or failed: a storage failure (503); nothing was written
        }
        return written;
    }

    @Override
    public PaymentIntent updateWithNewPayment(PaymentIntent intent, String paymentId) {
        if (intent.version() == null) {
            throw new IllegalArgumentException("an intent to update is one read from the table, with its version");
        }
        try {
            client.transactWriteItems(t -> t
                    // condition version = :read_version, then version + 1 (the extension)
                    .addPutItem(writes, new IntentTableSchema.WrittenIntent(intent, writeToken()))
                    .addPutItem(paymentEntries, TransactPutItemEnhancedRequest.builder(IntentTableSchema.PaymentEntry.class)
                            .item(new IntentTableSchema.PaymentEntry(paymentId, intent.id()))
                            .conditionExpression(Expression.builder().expression("attribute_not_exists(paymentId)").build())
                            .build()));
        } catch (TransactionCanceledException e) {
            // the intent changed since it was read, or another write to it is under way: the caller lost a race
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
                    || "TransactionConflict".equals(r.code()))) {
                throw new ConcurrentChangeException(intent.id());
            }
            throw e; // throttled or failed: a storage failure (503); nothing was written
        }
        return withVersion(intent, intent.version() + 1);
    }

    @Override
    public Optional<PaymentIntent> find(String intentId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(intentId).build())
                .consistentRead(true)));
    }

    @Override
    public List<String> overdueIds(Instant now, int limit) {
        return indexed(IntentTableSchema::unpaidShard, now, limit);
    }

    @Override
    public List<String> processingIds(Instant since, int limit) {
        return indexed(IntentTableSchema::processingShard, since, limit);
    }

    /** Ids from the sparse sweep index: the shards' entries sorted at or before {@code upToInstant}. */
    private List<String> indexed(java.util.function.IntFunction<String> shardKey, Instant upToInstant, int limit) {
        List<String> ids = new ArrayList<>();
        String upTo = Timestamps.format(upToInstant);
        for (int shard = 0; shard < IntentTableSchema.UNPAID_SHARDS && ids.size() < limit; shard++) {
            var request = QueryEnhancedRequest.builder()
                    .queryConditional(QueryConditional.sortLessThanOrEqualTo(Key.builder()
                            .partitionValue(shardKey.apply(shard)).sortValue(upTo).build()))
                    .limit(Math.min(100, limit - ids.size()))
                    .build();
            for (var page : unpaidByExpiry.query(request)) {
                for (IntentTableSchema.UnpaidEntry entry : page.items()) {
                    if (ids.size() < limit) {
                        ids.add(entry.intentId());
                    }
                }
                if (ids.size() >= limit) {
                    break;
                }
            }
        }
        return ids;
    }

    /**
     * Offset paging (HUB2's page/perPage with a total count) means reading every match in the time range;
     * the range defaults to one month and the route is rate limited, so this stays bounded.
     */
    @Override
    public Page list(Query q) {
        String pk = IntentTableSchema.merchantMode(q.merchantId(), q.mode());
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBetween(
                        Key.builder().partitionValue(pk).sortValue(Timestamps.format(q.from())).build(),
                        Key.builder().partitionValue(pk).sortValue(Timestamps.format(q.to())).build()))
                .scanIndexForward(false)
                .limit(READ_PAGE); // each read bounded; the range itself is bounded by the caller (Hub2Paging)
        filter(q).ifPresent(request::filterExpression);

        long offset = (long) (q.page() - 1) * q.perPage();
        long total = 0;
        List<PaymentIntent> items = new ArrayList<>(q.perPage());
        for (software.amazon.awssdk.enhanced.dynamodb.model.Page<PaymentIntent> page : byMerchant.query(request.build())) {
            for (PaymentIntent intent : page.items()) {
                if (total >= offset && items.size() < q.perPage()) {
                    items.add(intent);
                }
                total++;
            }
        }
        return new Page(items, total);
    }

    @Override
    public CursorPage page(String merchantId, Mode mode, int limit, PaymentIntent after, PaymentIntent before) {
        String pk = IntentTableSchema.merchantMode(merchantId, mode);
        PaymentIntent cursor = before != null ? before : after;
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(pk).build()))
                .scanIndexForward(before != null) // ending_before walks towards newer intents
                .limit(limit + 1);
        if (cursor != null) {
            // The index key plus the table key of the cursor: exact even when two intents share a millisecond.
            request.exclusiveStartKey(Map.of(
                    "id", AttributeValue.fromS(cursor.id()),
                    IntentTableSchema.MERCHANT_MODE, AttributeValue.fromS(pk),
                    IntentTableSchema.CREATED_AT, AttributeValue.fromS(Timestamps.format(cursor.createdAt()))));
        }
        List<PaymentIntent> items = new ArrayList<>(limit + 1);
        for (software.amazon.awssdk.enhanced.dynamodb.model.Page<PaymentIntent> page : byMerchant.query(request.build())) {
            for (PaymentIntent intent : page.items()) {
                if (items.size() <= limit) {
                    items.add(intent);
                }
            }
            if (items.size() > limit) {
                break;
            }
        }
        boolean hasMore = items.size() > limit;
        List<PaymentIntent> pageItems = new ArrayList<>(items.subList(0, Math.min(limit, items.size())));
        if (before != null) {
            java.util.Collections.reverse(pageItems);
        }
        return new CursorPage(pageItems, hasMore);
    }

    @Override
    public Iterable<PaymentIntent> createdBetween(String merchantId, Mode mode, Instant from, Instant to) {
        String pk = IntentTableSchema.merchantMode(merchantId, mode);
        return byMerchant.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBetween(
                        Key.builder().partitionValue(pk).sortValue(Timestamps.format(from)).build(),
                        Key.builder().partitionValue(pk).sortValue(Timestamps.format(to)).build()))
                .scanIndexForward(false)
                .limit(READ_PAGE)
                .build()).stream().flatMap(page -> page.items().stream())::iterator;
    }

    private static Optional<Expression> filter(Query q) {
        StringJoiner expression = new StringJoiner(" AND ");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (q.customerReference() != null) {
            expression.add("#cr = :cr");
            names.put("#cr", "customerReference");
            values.put(":cr", AttributeValue.fromS(q.customerReference()));
        }
        if (q.purchaseReference() != null) {
            expression.add("#pr = :pr");
            names.put("#pr", "purchaseReference");
            values.put(":pr", AttributeValue.fromS(q.purchaseReference()));
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Expression.builder().expression(expression.toString())
                .expressionNames(names).expressionValues(values).build());
    }

    /** Whether the stored item is the one the write with this token stored (a consistent read). */
    private boolean storedBy(String intentId, String token) {
        IntentTableSchema.WrittenIntent stored = writes.getItem(r -> r.key(Key.builder().partitionValue(intentId).build())
                .consistentRead(true));
        return stored != null && token.equals(stored.writeToken());
    }

    /** Random to one write (126 bits): the SDK's retries of that write carry it, no other write does. */
    private static String writeToken() {
        return Ids.next("");
    }

    private static PaymentIntent withVersion(PaymentIntent i, Long version) {
        return new PaymentIntent(i.id(), i.merchantId(), i.mode(), i.createdAt(), i.updatedAt(), i.purchaseReference(),
                i.customerReference(), i.status(), i.amount(), i.currency(), i.payments(), i.nextAction(),
                i.lastPaymentFailure(), i.overrideBusinessName(), version, i.details());
    }
}
