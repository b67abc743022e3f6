package io.cauri.localapi;

import io.cauri.localaws.LocalDynamoDb;
import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoMerchantRepository;
import io.cauri.store.TableNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seeding through the real repository into DynamoDB Local, and what a kept --data-dir does on the next run. */
class SandboxMerchantTest {

    @Test
    void seedsOnceThenKeepsTheMerchantAcrossRunsUnlessAKeyIsGiven(@TempDir Path dataDir) throws Exception {
        SandboxMerchant.Credentials first;
        try (LocalDynamoDb dynamo = LocalApi.startDynamoDb(dataDir)) {
            assertTrue(dynamo.endpoint().startsWith("http://127.0.0.1:"));
            first = SandboxMerchant.seed(dynamo.client(), "m_keep", null);
            assertFalse(first.kept());
            assertTrue(first.sandboxKey().startsWith("sk_sandbox_"));
            Merchant stored = find(dynamo, "m_keep");
            assertEquals(Mode.SANDBOX, stored.keyMatching(first.sandboxKey()).orElseThrow().mode());
            assertEquals(Mode.LIVE, stored.keyMatching(first.liveKey()).orElseThrow().mode());
        }

        try (LocalDynamoDb dynamo = LocalApi.startDynamoDb(dataDir)) { // a new run on the same data
            SandboxMerchant.Credentials kept = SandboxMerchant.seed(dynamo.client(), "m_keep", null);
            assertTrue(kept.kept());
            assertNull(kept.sandboxKey(), "a stored secret cannot be shown again");
            assertTrue(find(dynamo, "m_keep").keyMatching(first.sandboxKey()).isPresent());

            SandboxMerchant.Credentials replaced = SandboxMerchant.seed(dynamo.client(), "m_keep", "sk_demo_replaced");
            assertEquals("sk_demo_replaced", replaced.sandboxKey());
            Merchant stored = find(dynamo, "m_keep");
            assertTrue(stored.keyMatching("sk_demo_replaced").isPresent());
            assertTrue(stored.keyMatching(first.sandboxKey()).isEmpty(), "the old sandbox key is replaced");
            assertTrue(stored.keyMatching(first.liveKey()).isPresent(), "the live key is kept");
            assertEquals(1, stored.apiKeys().stream().map(ApiKey::mode).filter(Mode.SANDBOX::equals).count());
        }
    }

    @Test
    void aGivenLiveKeyIsTheLiveKeyNewOrKept(@TempDir Path dataDir) throws Exception {
        try (LocalDynamoDb dynamo = LocalApi.startDynamoDb(dataDir)) {
            SandboxMerchant.Credentials created = SandboxMerchant.seed(dynamo.client(), "m_live", null, "sk_live_demo_1");
            assertEquals("sk_live_demo_1", created.liveKey());
            assertEquals(Mode.LIVE, find(dynamo, "m_live").keyMatching("sk_live_demo_1").orElseThrow().mode());

            SandboxMerchant.Credentials replaced = SandboxMerchant.seed(dynamo.client(), "m_live", null, "sk_live_demo_2");
            assertTrue(replaced.kept());
            Merchant stored = find(dynamo, "m_live");
            assertTrue(stored.keyMatching("sk_live_demo_2").isPresent());
            assertTrue(stored.keyMatching("sk_live_demo_1").isEmpty(), "the old live key is replaced");
            assertTrue(stored.keyMatching(created.sandboxKey()).isPresent(), "the sandbox key is kept");
        }
    }

    @Test
    void inMemoryStartsEmptyEachTime() throws Exception {
        try (LocalDynamoDb dynamo = LocalApi.startDynamoDb(null)) {
            SandboxMerchant.seed(dynamo.client(), "m_mem", "sk_demo_mem");
        }
        try (LocalDynamoDb dynamo = LocalApi.startDynamoDb(null)) {
            assertFalse(SandboxMerchant.seed(dynamo.client(), "m_mem", null).kept());
        }
    }

    private static Merchant find(LocalDynamoDb dynamo, String id) {
        return new DynamoMerchantRepository(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo.client()).build(),
                dynamo.client(), TableNames.defaults()).find(id).orElseThrow();
    }
}
