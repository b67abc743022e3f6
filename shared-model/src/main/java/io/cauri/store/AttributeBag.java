package io.cauri.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The builder side of an immutable-record table schema: attributes read from DynamoDB are collected
 * here, then the record's canonical constructor is called once. Lets the enhanced client map the
 * domain's records directly, with no mutable twin classes and no reflection.
 */
public final class AttributeBag {
    private final Map<String, Object> values = new HashMap<>();

    void put(String name, Object value) {
        values.put(name, value);
    }

    @SuppressWarnings("unchecked")
    public <V> V get(String name) {
        return (V) values.get(name);
    }

    public long getLong(String name) {
        Long v = get(name);
        return v == null ? 0L : v;
    }
}
