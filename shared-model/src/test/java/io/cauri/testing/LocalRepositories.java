package io.cauri.testing;

import io.cauri.store.DynamoIntentRepository;
import io.cauri.store.DynamoMerchantRepository;
import io.cauri.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;

/**
 * The production repositories, wired as {@code DynamoDbFactory} wires them (enhanced client with the
 * versioned-record extension, default table names), on the shared DynamoDB Local.
 */
public final class LocalRepositories {

    private LocalRepositories() {
    }

    public static DynamoDbEnhancedClient enhancedClient() {
        return DynamoDbEnhancedClient.builder()
                .dynamoDbClient(DynamoDbLocal.shared().client())
                .extensions(VersionedRecordExtension.builder().build())
                .build();
    }

    public static DynamoIntentRepository intents() {
        return new DynamoIntentRepository(DynamoDbLocal.shared().client(), enhancedClient(), TableNames.defaults());
    }

    public static io.cauri.store.DynamoCustomerRepository customers() {
        return new io.cauri.store.DynamoCustomerRepository(DynamoDbLocal.shared().client(), TableNames.defaults());
    }

    public static DynamoMerchantRepository merchants() {
        return new DynamoMerchantRepository(enhancedClient(), DynamoDbLocal.shared().client(), TableNames.defaults());
    }
}
