package io.cauri.store;

import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;

import java.util.Optional;

/** {@link MerchantRepository} on DynamoDB. */
@Singleton
public class DynamoMerchantRepository implements MerchantRepository {

    private final DynamoDbTable<Merchant> table;

    public DynamoMerchantRepository(DynamoDbEnhancedClient client, TableNames names) {
        this.table = client.table(names.merchants(), MerchantTableSchema.MERCHANT);
    }

    @Override
    public Optional<Merchant> find(String merchantId) {
        if (merchantId == null || merchantId.isEmpty() || merchantId.length() > 64) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(merchantId).build()));
    }

    @Override
    public void save(Merchant merchant) {
        table.putItem(merchant);
    }
}
