package io.cauri.store;

import io.cauri.intent.PaymentLocator;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

/**
 * {@link PaymentLocator} on the payments table: {@code paymentId → intentId}, written once (by
 * {@link DynamoIntentRepository#updateWithNewPayment}, with the attempt), never changed.
 */
@Singleton
public class DynamoPaymentLocator implements PaymentLocator {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPaymentLocator(DynamoDbClient dynamo, TableNames names) {
        this.dynamo = dynamo;
        this.table = names.payments();
    }

    @Override
    public Optional<String> intentOf(String paymentId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of("paymentId", AttributeValue.fromS(paymentId)))).item();
        return item == null || !item.containsKey("intentId") ? Optional.empty() : Optional.of(item.get("intentId").s());
    }
}
