package io.cauri.store;

import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;

import java.util.Optional;

/** {@link MerchantRepository} on DynamoDB. */
@Singleton
public class DynamoMerchantRepository implements MerchantRepository {

    private static final String KEY_INDEX = "key#";

    private final DynamoDbTable<Merchant> table;
    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoMerchantRepository(DynamoDbEnhancedClient client, DynamoDbClient dynamo, TableNames names) {
        this.table = client.table(names.merchants(), MerchantTableSchema.MERCHANT);
        this.dynamo = dynamo;
        this.tableName = names.merchants();
    }

    @Override
    public Optional<Merchant> find(String merchantId) {
        if (merchantId == null || merchantId.isEmpty() || merchantId.length() > 64 || merchantId.contains("#")) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(merchantId).build()));
    }

    /**
     * Keys are found by the SHA-256 of their secret through index items in the same table
     * ({@code id = key#<sha256>} → merchant id), written with the merchant. Merchant ids never contain '#'.
     */
    @Override
    public Optional<Merchant> findByApiKey(String secret) {
        Map<String, AttributeValue> index = dynamo.getItem(r -> r.tableName(tableName)
                .key(Map.of("id", AttributeValue.fromS(KEY_INDEX + ApiKey.hash(secret))))).item();
        if (index == null || !index.containsKey("merchantId")) {
            return Optional.empty();
        }
        return find(index.get("merchantId").s());
    }

    @Override
    public void save(Merchant merchant) {
        if (merchant.id().contains("#")) {
            throw new IllegalArgumentException("merchant ids never contain '#'");
        }
        table.putItem(merchant);
        saveKeyIndex(merchant);
    }

    @Override
    public boolean create(Merchant merchant) {
        if (merchant.id().contains("#")) {
            throw new IllegalArgumentException("merchant ids never contain '#'");
        }
        try {
            table.putItem(r -> r.item(merchant).conditionExpression(Expression.builder()
                    .expression("attribute_not_exists(id)").build()));
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
        saveKeyIndex(merchant);
        return true;
    }

    private void saveKeyIndex(Merchant merchant) {
        for (ApiKey key : merchant.apiKeys()) {
            dynamo.putItem(r -> r.tableName(tableName).item(Map.of(
                    "id", AttributeValue.fromS(KEY_INDEX + key.sha256()),
                    "merchantId", AttributeValue.fromS(merchant.id()))));
        }
    }
}
