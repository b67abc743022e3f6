package io.cauri.store;

import io.cauri.correlation.Correlation;
import io.cauri.intent.Currency;
import io.cauri.intent.Failure;
import io.cauri.intent.FailureCode;
import io.cauri.intent.Fee;
import io.cauri.intent.IntentDetails;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

import java.math.BigDecimal;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

/**
 * How a PaymentIntent is stored: one item per intent, its payments nested, so an attempt and the
 * intent's status change in one conditional write. Index {@value #BY_MERCHANT} lists a merchant's intents
 * in one mode by creation time (Query, never Scan). Index {@value #UNPAID_BY_EXPIRY} is sparse: only intents
 * that await payment carry its keys, so the expiry sweep reads exactly the overdue ones, oldest first. The same
 * index holds, under other partition values ({@code processing#n}), the intents whose current payment is
 * {@code processing}, sorted by when it got there: the sweep settles those left there past the provider window.
 * A live payment waiting for its payer at the provider (Payment.waitsForProvider) is the provider's to end, not
 * the expiry's: its intent is listed with the processing ones (since its last change), never as unpaid.
 */
public final class IntentTableSchema {
    public static final String BY_MERCHANT = "byMerchantMode";
    public static final String MERCHANT_MODE = "merchantMode";
    public static final String CREATED_AT = "createdAt";
    public static final String UNPAID_BY_EXPIRY = "unpaidByExpiry";
    public static final String UNPAID_SHARD = "unpaidShard";
    public static final String EXPIRES_AT = "expiresAt";
    /**
     * The unpaid index's partition key is one of this many shards (from the intent id), so new intents spread
     * their index writes over several partitions instead of one hot key; the sweep queries each shard.
     */
    public static final int UNPAID_SHARDS = 8;

    private static final TableSchema<Failure> FAILURE = RecordSchema.of(Failure.class, b -> new Failure(
                    FailureCode.valueOf(b.get("code")), b.get("message"), b.get("params")))
            .add(String.class, "code", f -> f.code().name())
            .add(String.class, "message", Failure::message)
            .add(EnhancedType.listOf(String.class), "params", Failure::params)
            .build();

    private static final TableSchema<NextAction.Data> ACTION_DATA = RecordSchema.of(NextAction.Data.class,
                    b -> new NextAction.Data(b.get("url"), b.get("method"), b.get("headers"), b.get("data")))
            .add(String.class, "url", NextAction.Data::url)
            .add(String.class, "method", NextAction.Data::method)
            .add(EnhancedType.mapOf(String.class, String.class), "headers", NextAction.Data::headers)
            .add(EnhancedType.mapOf(String.class, String.class), "data", NextAction.Data::data)
            .build();

    private static final TableSchema<NextAction> NEXT_ACTION = RecordSchema.of(NextAction.class, b -> new NextAction(
                    NextAction.Type.valueOf(b.get("type")), b.get("message"), b.get("data")))
            .add(String.class, "type", a -> a.type().name())
            .add(String.class, "message", NextAction::message)
            .add(document(NextAction.Data.class, ACTION_DATA), "data", NextAction::data)
            .build();

    private static final TableSchema<Fee> FEE = RecordSchema.of(Fee.class, b -> new Fee(b.get("id"), b.get("rate"),
                    Fee.RateType.valueOf(b.get("rateType")), b.getLong("amount"), Currency.valueOf(b.get("currency")),
                    b.get("label"), b.get("taxes")))
            .add(String.class, "id", Fee::id)
            .add(BigDecimal.class, "rate", Fee::rate)
            .add(String.class, "rateType", f -> f.rateType().name())
            .add(Long.class, "amount", Fee::amount)
            .add(String.class, "currency", f -> f.currency().name())
            .add(String.class, "label", Fee::label)
            .add(EnhancedType.listOf(String.class), "taxes", Fee::taxes)
            .build();

    private static final TableSchema<Payment> PAYMENT = RecordSchema.of(Payment.class, b -> new Payment(
                    b.get("id"), b.get("intentId"), Timestamps.parse(b.get("createdAt")),
                    Timestamps.parse(b.get("updatedAt")), PaymentStatus.valueOf(b.get("status")), b.getLong("amount"),
                    Currency.valueOf(b.get("currency")), b.get("method"), b.get("country"), b.get("provider"),
                    b.get("number"), b.get("failure"), b.get("fees"), b.get("nextAction"), b.get("providerReference"),
                    b.get("gatewayId"), b.get("onSuccessRedirectionUrl"), b.get("onFailedRedirectionUrl")))
            .add(String.class, "id", Payment::id)
            .add(String.class, "intentId", Payment::intentId)
            .add(String.class, "createdAt", p -> Timestamps.format(p.createdAt()))
            .add(String.class, "updatedAt", p -> Timestamps.format(p.updatedAt()))
            .add(String.class, "status", p -> p.status().name())
            .add(Long.class, "amount", Payment::amount)
            .add(String.class, "currency", p -> p.currency().name())
            .add(String.class, "method", Payment::method)
            .add(String.class, "country", Payment::country)
            .add(String.class, "provider", Payment::provider)
            .add(String.class, "number", Payment::number)
            .add(document(Failure.class, FAILURE), "failure", Payment::failure)
            .add(EnhancedType.listOf(document(Fee.class, FEE)), "fees", Payment::fees)
            .add(document(NextAction.class, NEXT_ACTION), "nextAction", Payment::nextAction)
            .add(String.class, "providerReference", Payment::providerReference)
            .add(String.class, "gatewayId", Payment::gatewayId)
            .add(String.class, "onSuccessRedirectionUrl", Payment::onSuccessRedirectionUrl)
            .add(String.class, "onFailedRedirectionUrl", Payment::onFailedRedirectionUrl)
            .build();

    public static final TableSchema<PaymentIntent> INTENT = RecordSchema.of(PaymentIntent.class, b -> new PaymentIntent(
                    b.get("id"), b.get("merchantId"), Mode.valueOf(b.get("mode")), Timestamps.parse(b.get(CREATED_AT)),
                    Timestamps.parse(b.get("updatedAt")), b.get("purchaseReference"), b.get("customerReference"),
                    IntentStatus.valueOf(b.get("status")), b.getLong("amount"), Currency.valueOf(b.get("currency")),
                    b.get("payments"), b.get("nextAction"), b.get("lastPaymentFailure"),
                    b.get("overrideBusinessName"), b.get("version"), details(b)))
            .add(String.class, "id", PaymentIntent::id, primaryPartitionKey())
            .add(String.class, MERCHANT_MODE, i -> merchantMode(i.merchantId(), i.mode()), secondaryPartitionKey(BY_MERCHANT))
            .add(String.class, CREATED_AT, i -> Timestamps.format(i.createdAt()), secondarySortKey(BY_MERCHANT))
            .add(String.class, UNPAID_SHARD, i -> processingSince(i) != null ? processingShard(i.id())
                            : i.awaitsPayment() ? unpaidShard(i.id()) : null,
                    secondaryPartitionKey(UNPAID_BY_EXPIRY))
            .add(String.class, EXPIRES_AT, i -> processingSince(i) != null ? Timestamps.format(processingSince(i))
                            : i.awaitsPayment() ? Timestamps.format(i.expiresAt()) : null,
                    secondarySortKey(UNPAID_BY_EXPIRY))
            .add(String.class, "merchantId", PaymentIntent::merchantId)
            .add(String.class, "mode", i -> i.mode().name())
            .add(String.class, "updatedAt", i -> Timestamps.format(i.updatedAt()))
            .add(String.class, "purchaseReference", PaymentIntent::purchaseReference)
            .add(String.class, "customerReference", PaymentIntent::customerReference)
            .add(String.class, "status", i -> i.status().name())
            .add(Long.class, "amount", PaymentIntent::amount)
            .add(String.class, "currency", i -> i.currency().name())
            .add(EnhancedType.listOf(document(Payment.class, PAYMENT)), "payments", PaymentIntent::payments)
            .add(document(NextAction.class, NEXT_ACTION), "nextAction", PaymentIntent::nextAction)
            .add(document(Failure.class, FAILURE), "lastPaymentFailure", PaymentIntent::lastPaymentFailure)
            .add(String.class, "overrideBusinessName", PaymentIntent::overrideBusinessName)
            .add(Long.class, "version", PaymentIntent::version, VersionedRecordExtension.AttributeTags.versionAttribute())
            .add(String.class, "description", i -> i.details().description())
            .add(EnhancedType.mapOf(String.class, String.class), "metadata",
                    i -> i.details().metadata().isEmpty() ? null : i.details().metadata())
            .add(String.class, "customerId", i -> i.details().customerId())
            .add(String.class, "transactionCountry", i -> i.details().transactionCountry())
            .add(String.class, "payerCountry", i -> i.details().payerCountry())
            .add(String.class, "railCountry", i -> i.details().railCountry())
            .build();

    /** The attribute holding the token of the write that stored the item (see {@link WrittenIntent}). */
    public static final String WRITE_TOKEN = "writeToken";

    /**
     * An intent as one write stores it: the intent and a token random to that write. A conditional write whose
     * condition fails is read back, to tell the SDK's retry of a write that had landed (its answer lost: the
     * retry carries the same token) from a racer's write, which may hold byte for byte the same intent (same
     * read, same change, same millisecond) but carries another token. Not part of the domain: reads map the
     * item to a {@link PaymentIntent} and ignore it.
     */
    public record WrittenIntent(PaymentIntent intent, String writeToken, String correlationId) {
        /** The intent as written now: with the id of what caused this write ({@link Correlation}), if any. */
        public WrittenIntent(PaymentIntent intent, String writeToken) {
            this(intent, writeToken, Correlation.current().orElse(null));
        }
    }

    /**
     * The attribute holding the id of what caused the write that stored the item (a request's {@code req_…}, a
     * sweep's, a queue message's): every write replaces the whole item, so it names this write's cause only. The
     * stream publisher reads it from the new image into the events of that write ({@link IntentStreamImages}).
     */
    public static final String CORRELATION_ID = "correlationId";

    public static final TableSchema<WrittenIntent> WRITTEN_INTENT =
            StaticImmutableTableSchema.builder(WrittenIntent.class, AttributeBag.class)
                    .newItemBuilder(AttributeBag::new, b -> new WrittenIntent(b.get("intent"), b.get(WRITE_TOKEN),
                            b.get(CORRELATION_ID)))
                    .flatten(INTENT, WrittenIntent::intent, (b, intent) -> b.put("intent", intent))
                    .addAttribute(String.class, a -> a.name(WRITE_TOKEN).getter(WrittenIntent::writeToken)
                            .setter((b, token) -> b.put(WRITE_TOKEN, token)))
                    .addAttribute(String.class, a -> a.name(CORRELATION_ID).getter(WrittenIntent::correlationId)
                            .setter((b, id) -> b.put(CORRELATION_ID, id)))
                    .build();

    /** An entry of the unpaid index (projection KEYS_ONLY): which intent, and when it expires. */
    public record UnpaidEntry(String intentId, String expiresAt) {
    }

    /** A payments-table entry: which intent a payment belongs to ({@code io.cauri.intent.PaymentLocator}). */
    public record PaymentEntry(String paymentId, String intentId) {
    }

    public static final TableSchema<PaymentEntry> PAYMENT_ENTRY = RecordSchema.of(PaymentEntry.class,
                    b -> new PaymentEntry(b.get("paymentId"), b.get("intentId")))
            .add(String.class, "paymentId", PaymentEntry::paymentId, primaryPartitionKey())
            .add(String.class, "intentId", PaymentEntry::intentId)
            .build();

    /** Reads the unpaid index's entries without mapping whole intents (the projection holds only keys). */
    public static final TableSchema<UnpaidEntry> UNPAID_ENTRY = RecordSchema.of(UnpaidEntry.class,
                    b -> new UnpaidEntry(b.get("id"), b.get(EXPIRES_AT)))
            .add(String.class, "id", UnpaidEntry::intentId, primaryPartitionKey())
            .add(String.class, UNPAID_SHARD, e -> unpaidShard(e.intentId()), secondaryPartitionKey(UNPAID_BY_EXPIRY))
            .add(String.class, EXPIRES_AT, UnpaidEntry::expiresAt, secondarySortKey(UNPAID_BY_EXPIRY))
            .build();

    /** String.hashCode is specified by the JLS, so an intent's shard is the same in every JVM. */
    public static String unpaidShard(String intentId) {
        return "unpaid#" + Math.floorMod(intentId.hashCode(), UNPAID_SHARDS);
    }

    public static String unpaidShard(int shard) {
        return "unpaid#" + shard;
    }

    public static String processingShard(String intentId) {
        return processingShard(Math.floorMod(intentId.hashCode(), UNPAID_SHARDS));
    }

    public static String processingShard(int shard) {
        return "processing#" + shard;
    }

    /**
     * When the current payment of a {@code processing} intent got there, or when a live payment waiting for its
     * payer at the provider last changed; null for any other intent.
     */
    private static java.time.Instant processingSince(PaymentIntent intent) {
        if (intent.status() != IntentStatus.PROCESSING && intent.status() != IntentStatus.ACTION_REQUIRED) {
            return null;
        }
        return intent.currentPayment()
                .filter(p -> (intent.status() == IntentStatus.PROCESSING && p.status() == PaymentStatus.PROCESSING)
                        || p.waitsForProvider())
                .map(Payment::updatedAt).orElse(null);
    }

    /** The v1 details live as top-level attributes, absent for HUB2-created intents. */
    private static IntentDetails details(AttributeBag b) {
        return new IntentDetails(b.get("description"), b.get("metadata"), b.get("customerId"),
                b.get("transactionCountry"), b.get("payerCountry"), b.get("railCountry"));
    }

    private IntentTableSchema() {
    }

    public static String merchantMode(String merchantId, Mode mode) {
        return merchantId + "#" + mode.name();
    }

    static <T> EnhancedType<T> document(Class<T> type, TableSchema<T> schema) {
        return EnhancedType.documentOf(type, schema, b -> b.ignoreNulls(true));
    }

}
