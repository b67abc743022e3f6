package io.cauri.store;

import io.cauri.correlation.Correlation;
import io.cauri.intent.Currency;
import io.cauri.merchant.Mode;
import io.cauri.refund.Refund;
import io.cauri.refund.RefundStatus;
import io.cauri.time.Timestamps;
import io.cauri.transfer.Destination;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.TransferStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Transfers and refunds as items of the ledger table, in their merchant's books partition ({@code pk} as
 * {@link LedgerTableSchema#books}): {@code sk} = {@code transfer#<id>} or {@code refund#<id>}, and {@code kindAt} =
 * the kind, created-at and id, sorted by the local index {@link #BY_KIND_TIME} (the lists of each kind, newest
 * first). The table's stream carries their changes to the events (refund.*, transfer.*).
 */
public final class MoneyOutItems {
    public static final String TRANSFER = "transfer#";
    public static final String REFUND = "refund#";
    /** Local secondary index: one kind's items in time order (journal and balance items have no kindAt). */
    public static final String BY_KIND_TIME = "byKindTime";
    public static final String KIND_AT = "kindAt";
    static final String VERSION = "version";
    /**
     * Global secondary index of the pending transfers and refunds of every merchant, oldest first (sparse: an item
     * carries {@link #PENDING_SHARD} and {@link #PENDING_AT} only while pending), read by the sweep that reconciles
     * those whose checks were lost. Its partition key is the kind spread over {@link #PENDING_SHARDS} shards.
     */
    public static final String BY_PENDING = "byPending";
    public static final String PENDING_SHARD = "pendingShard";
    public static final String PENDING_AT = "pendingAt";
    static final int PENDING_SHARDS = 4;
    /**
     * The id of what caused the write that stored the item ({@link Correlation}: a request's, a sweep's, a queue
     * message's), read from the new image by the stream publisher into that write's events; every write puts the
     * whole item, so it never outlives its write.
     */
    public static final String CORRELATION_ID = "correlationId";

    private MoneyOutItems() {
    }

    /** Whether a ledger-table item (a stream image) is a transfer. */
    public static boolean isTransfer(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get(LedgerTableSchema.SK);
        return sk != null && sk.s() != null && sk.s().startsWith(TRANSFER);
    }

    /** Whether a ledger-table item (a stream image) is a refund. */
    public static boolean isRefund(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get(LedgerTableSchema.SK);
        return sk != null && sk.s() != null && sk.s().startsWith(REFUND);
    }

    public static Map<String, AttributeValue> key(String merchantId, Mode mode, String prefix, String id) {
        return Map.of(LedgerTableSchema.PK, s(LedgerTableSchema.books(merchantId, mode)),
                LedgerTableSchema.SK, s(prefix + id));
    }

    /** The prefix of {@code kindAt} of one kind's items created at or after {@code instant}. */
    public static String kindAt(String prefix, java.time.Instant instant) {
        return prefix + Timestamps.format(instant);
    }

    public static Map<String, AttributeValue> item(Transfer t) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.putAll(key(t.merchantId(), t.mode(), TRANSFER, t.id()));
        item.put(KIND_AT, s(TRANSFER + Timestamps.format(t.createdAt()) + "#" + t.id()));
        item.put("id", s(t.id()));
        item.put("merchantId", s(t.merchantId()));
        item.put("mode", s(t.mode().wire()));
        put(item, "reference", t.reference());
        item.put("amount", n(t.amount()));
        item.put("currency", s(t.currency().name()));
        put(item, "description", t.description());
        Destination d = t.destination();
        Map<String, AttributeValue> destination = new LinkedHashMap<>();
        put(destination, "type", d.type());
        put(destination, "country", d.country());
        put(destination, "recipientName", d.recipientName());
        put(destination, "msisdn", d.msisdn());
        put(destination, "provider", d.provider());
        item.put("destination", AttributeValue.fromM(destination));
        item.put("status", s(t.status().wire()));
        if (!t.status().isFinal()) {
            pending(item, TRANSFER, t.id(), t.createdAt());
        }
        put(item, "failureCode", t.failureCode());
        put(item, "failureMessage", t.failureMessage());
        put(item, "gatewayId", t.gatewayId());
        put(item, "providerReference", t.providerReference());
        item.put("createdAt", s(Timestamps.format(t.createdAt())));
        item.put("updatedAt", s(Timestamps.format(t.updatedAt())));
        item.put(VERSION, n(t.version() == null ? 1 : t.version()));
        Correlation.current().ifPresent(id -> item.put(CORRELATION_ID, s(id)));
        return item;
    }

    /** The id of what caused the write that stored {@code item}, or null (written outside any scope, or before). */
    public static String correlationId(Map<String, AttributeValue> item) {
        return item == null ? null : str(item, CORRELATION_ID);
    }

    public static Transfer transfer(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> d = item.get("destination").m();
        return new Transfer(str(item, "id"), str(item, "merchantId"), Mode.fromWire(str(item, "mode")).orElseThrow(),
                str(item, "reference"), num(item, "amount"), Currency.valueOf(str(item, "currency")),
                str(item, "description"),
                new Destination(str(d, "type"), str(d, "country"), str(d, "recipientName"), str(d, "msisdn"),
                        str(d, "provider")),
                TransferStatus.fromWire(str(item, "status")).orElseThrow(), str(item, "failureCode"),
                str(item, "failureMessage"), str(item, "gatewayId"), str(item, "providerReference"),
                Timestamps.parse(str(item, "createdAt")), Timestamps.parse(str(item, "updatedAt")),
                num(item, VERSION));
    }

    public static Map<String, AttributeValue> item(Refund r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.putAll(key(r.merchantId(), r.mode(), REFUND, r.id()));
        item.put(KIND_AT, s(REFUND + Timestamps.format(r.createdAt()) + "#" + r.id()));
        item.put("id", s(r.id()));
        item.put("merchantId", s(r.merchantId()));
        item.put("mode", s(r.mode().wire()));
        put(item, "intentId", r.intentId());
        item.put("paymentId", s(r.paymentId()));
        item.put("amount", n(r.amount()));
        item.put("currency", s(r.currency().name()));
        put(item, "reason", r.reason());
        item.put("status", s(r.status().wire()));
        if (!r.status().isFinal()) {
            pending(item, REFUND, r.id(), r.createdAt());
        }
        put(item, "failureCode", r.failureCode());
        put(item, "failureMessage", r.failureMessage());
        put(item, "gatewayId", r.gatewayId());
        put(item, "providerReference", r.providerReference());
        if (!r.metadata().isEmpty()) {
            Map<String, AttributeValue> metadata = new HashMap<>();
            r.metadata().forEach((k, v) -> metadata.put(k, s(v)));
            item.put("metadata", AttributeValue.fromM(metadata));
        }
        item.put("createdAt", s(Timestamps.format(r.createdAt())));
        item.put("updatedAt", s(Timestamps.format(r.updatedAt())));
        item.put(VERSION, n(r.version() == null ? 1 : r.version()));
        Correlation.current().ifPresent(id -> item.put(CORRELATION_ID, s(id)));
        return item;
    }

    public static Refund refund(Map<String, AttributeValue> item) {
        Map<String, String> metadata = new LinkedHashMap<>();
        AttributeValue m = item.get("metadata");
        if (m != null && m.hasM()) {
            m.m().forEach((k, v) -> metadata.put(k, v.s()));
        }
        return new Refund(str(item, "id"), str(item, "merchantId"), Mode.fromWire(str(item, "mode")).orElseThrow(),
                str(item, "intentId"), str(item, "paymentId"), num(item, "amount"),
                Currency.valueOf(str(item, "currency")), str(item, "reason"),
                RefundStatus.fromWire(str(item, "status")).orElseThrow(), str(item, "failureCode"),
                str(item, "failureMessage"), str(item, "gatewayId"), str(item, "providerReference"), metadata,
                Timestamps.parse(str(item, "createdAt")), Timestamps.parse(str(item, "updatedAt")),
                num(item, VERSION));
    }

    /** The sweep index's attributes of a pending item; the shard comes from the id, so it never changes. */
    private static void pending(Map<String, AttributeValue> item, String prefix, String id, java.time.Instant createdAt) {
        item.put(PENDING_SHARD, s(prefix + Math.floorMod(id.hashCode(), PENDING_SHARDS)));
        item.put(PENDING_AT, s(Timestamps.format(createdAt) + "#" + id));
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
