package io.cauri.bench.cost;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The billing arithmetic of DynamoDB on-demand, SNS and SQS (docs in bench/README.md, "Cost per payment"):
 * a write request unit per started 1 KB of the item written, a read request unit per started 4 KB read strongly
 * consistent (half that eventually consistent), twice either in a transaction; SNS and SQS bill each started 64 KB of
 * a request's payload as one request.
 */
public final class Units {
    static final int KB = 1024;
    static final int CHUNK = 64 * KB;

    private Units() {
    }

    /** Write request units of a write of an item of {@code bytes} (at least 1), doubled in a transaction. */
    public static double writeUnits(long bytes, boolean transactional) {
        long units = Math.max(1, (bytes + KB - 1) / KB);
        return transactional ? 2 * units : units;
    }

    /** Read request units of reading {@code bytes} (at least 1 unit of 4 KB); half eventually consistent, double in a transaction. */
    public static double readUnits(long bytes, boolean stronglyConsistent, boolean transactional) {
        long blocks = Math.max(1, (bytes + 4 * KB - 1) / (4 * KB));
        if (transactional) {
            return 2.0 * blocks;
        }
        return stronglyConsistent ? blocks : blocks / 2.0;
    }

    /** Billed SNS/SQS requests of one request carrying {@code bytes}: each started 64 KB counts, at least one. */
    public static long chunks(long bytes) {
        return Math.max(1, (bytes + CHUNK - 1) / CHUNK);
    }

    /**
     * An item's size as DynamoDB counts it: per attribute, the UTF-8 length of its name plus its value's size
     * (strings: UTF-8 length; numbers: about one byte per two significant digits plus one; binary: length;
     * booleans and null: 1; lists and maps: 3 plus their elements, a map's with their names, plus 1 per element).
     */
    public static long itemSize(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + valueSize(e.getValue());
        }
        return size;
    }

    static long valueSize(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return numberSize(v.n());
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(Units::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(Units::numberSize).sum();
        }
        if (v.hasBs()) {
            return v.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        if (v.hasL()) {
            List<AttributeValue> l = v.l();
            return 3 + l.stream().mapToLong(x -> valueSize(x) + 1).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToLong(x -> utf8(x.getKey()) + valueSize(x.getValue()) + 1).sum();
        }
        return 0;
    }

    static long numberSize(String n) {
        String digits = n.replace("-", "").replace(".", "").replaceFirst("^0+", "");
        return Math.max(1, (digits.length() + 1) / 2) + 1;
    }

    static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static long bytes(SdkBytes b) {
        return b == null ? 0 : b.asByteArray().length;
    }
}
