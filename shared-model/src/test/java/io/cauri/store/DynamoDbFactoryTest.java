package io.cauri.store;

import io.cauri.testing.DynamoDbLocal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cold start's first DynamoDB call: one read of a merchant that does not exist, never a write, never a throw. */
class DynamoDbFactoryTest {
    final List<SdkRequest> sent = new CopyOnWriteArrayList<>();
    final DynamoDbClient client = DynamoDbClient.builder()
            .endpointOverride(URI.create(DynamoDbLocal.shared().endpoint()))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    sent.add(context.request());
                }
            }))
            .build();

    @Test
    void readsOneMerchantThatDoesNotExistAndNothingElse() {
        String merchants = TableNames.defaults().merchants();
        int before = count(merchants);

        assertTrue(DynamoDbFactory.firstCall(client, merchants));

        assertEquals(1, sent.size());
        GetItemRequest read = assertInstanceOf(GetItemRequest.class, sent.get(0));
        assertEquals(merchants, read.tableName());
        assertEquals(Map.of("id", AttributeValue.fromS(DynamoDbFactory.FIRST_CALL_MERCHANT)), read.key());
        assertEquals(before, count(merchants));
    }

    @Test
    void aFailedCallOnlyReportsFalse() {
        assertFalse(DynamoDbFactory.firstCall(client, "cauri-no-such-table"));
        assertEquals(1, sent.size());
    }

    private int count(String table) {
        return DynamoDbLocal.shared().client().scan(r -> r.tableName(table).select("COUNT")).count();
    }
}
