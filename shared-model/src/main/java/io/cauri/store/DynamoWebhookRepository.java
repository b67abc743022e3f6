package io.cauri.store;

import io.cauri.webhook.WebhookEndpoint;
import io.cauri.webhook.WebhookRepository;
import io.cauri.intent.ConcurrentChangeException;
import io.cauri.merchant.Mode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link WebhookRepository} on DynamoDB: one Query per merchant and mode, writes conditional on version. */
@Singleton
public class DynamoWebhookRepository implements WebhookRepository {
    private final DynamoDbTable<WebhookEndpoint> table;

    public DynamoWebhookRepository(DynamoDbEnhancedClient client, TableNames names) {
        this.table = client.table(names.webhooks(), WebhookTableSchema.ENDPOINT);
    }

    @Override
    public WebhookEndpoint create(WebhookEndpoint endpoint) {
        if (endpoint.version() != null) {
            throw new IllegalArgumentException("a new endpoint has no version yet");
        }
        try {
            table.putItem(endpoint);
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("webhook id collision: " + endpoint.id(), e);
        }
        return find(endpoint.merchantId(), endpoint.mode(), endpoint.id()).orElseThrow();
    }

    @Override
    public WebhookEndpoint update(WebhookEndpoint endpoint) {
        try {
            table.putItem(endpoint);
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentChangeException(endpoint.id());
        }
        return find(endpoint.merchantId(), endpoint.mode(), endpoint.id()).orElseThrow();
    }

    @Override
    public Optional<WebhookEndpoint> find(String merchantId, Mode mode, String endpointId) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(merchantId, mode, endpointId)).consistentRead(true)));
    }

    @Override
    public List<WebhookEndpoint> list(String merchantId, Mode mode) {
        return table.query(r -> r.queryConditional(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(IntentTableSchema.merchantMode(merchantId, mode)).build()))
                        .consistentRead(true))
                .items().stream()
                .sorted(Comparator.comparing(WebhookEndpoint::createdAt).thenComparing(WebhookEndpoint::id))
                .toList();
    }

    @Override
    public boolean delete(String merchantId, Mode mode, String endpointId) {
        // conditional: deleting an endpoint that is not there writes nothing (and says so)
        String partitionKey = table.tableSchema().tableMetadata().primaryPartitionKey();
        try {
            return table.deleteItem(r -> r.key(key(merchantId, mode, endpointId)).conditionExpression(Expression.builder()
                    .expression("attribute_exists(#pk)").putExpressionName("#pk", partitionKey).build())) != null;
        } catch (ConditionalCheckFailedException absent) {
            return false;
        }
    }

    private static Key key(String merchantId, Mode mode, String endpointId) {
        return Key.builder().partitionValue(IntentTableSchema.merchantMode(merchantId, mode)).sortValue(endpointId).build();
    }
}
