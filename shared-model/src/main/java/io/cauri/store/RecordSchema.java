package io.cauri.store;

import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

import java.util.function.Function;

/**
 * A small builder over {@link StaticImmutableTableSchema} for Java records: one line per attribute,
 * a getter to write and the record's constructor (through {@link AttributeBag}) to read. Static schemas
 * keep cold start low: {@code TableSchema.fromBean} introspects classes at runtime.
 */
final class RecordSchema<T> {
    private final StaticImmutableTableSchema.Builder<T, AttributeBag> builder;

    private RecordSchema(Class<T> type, Function<AttributeBag, T> constructor) {
        this.builder = StaticImmutableTableSchema.builder(type, AttributeBag.class)
                .newItemBuilder(AttributeBag::new, constructor);
    }

    static <T> RecordSchema<T> of(Class<T> type, Function<AttributeBag, T> constructor) {
        return new RecordSchema<>(type, constructor);
    }

    <V> RecordSchema<T> add(EnhancedType<V> type, String name, Function<T, V> getter, StaticAttributeTag... tags) {
        builder.addAttribute(type, a -> a.name(name).getter(getter).setter((bag, v) -> bag.put(name, v)).tags(tags));
        return this;
    }

    <V> RecordSchema<T> add(Class<V> type, String name, Function<T, V> getter, StaticAttributeTag... tags) {
        return add(EnhancedType.of(type), name, getter, tags);
    }

    StaticImmutableTableSchema<T, AttributeBag> build() {
        return builder.build();
    }
}
