package io.cauri.testing;

import io.cauri.id.Ids;
import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoMerchantRepository;

import java.time.Instant;
import java.util.List;

/** Merchants stored in DynamoDB Local through the real repository, each with a sandbox and a live key. */
public final class TestMerchants {

    public record Credentials(String merchantId, String sandboxKey, String liveKey) {
        public String key(Mode mode) {
            return mode == Mode.LIVE ? liveKey : sandboxKey;
        }
    }

    private TestMerchants() {
    }

    /** A merchant nobody else uses: tests sharing one table stay independent. */
    public static Credentials fresh() {
        return create(Ids.next("m_"), null, null);
    }

    /**
     * A fresh merchant opted out of the duplicate-debit guard: tests of other rules make several live attempts with
     * the few payer numbers that force a simulator's outcomes (the guard's own tests use {@link #fresh()}).
     */
    public static Credentials freshAllowingRepeatDebits() {
        Credentials credentials = fresh();
        DynamoMerchantRepository merchants = repository();
        merchants.save(merchants.find(credentials.merchantId()).orElseThrow().withAllowRepeatDebits(true));
        return credentials;
    }

    /** A fresh merchant stored in another DynamoDB (e.g. a {@link DynamoDbLocal#stoppable}). */
    public static Credentials fresh(software.amazon.awssdk.services.dynamodb.DynamoDbClient client) {
        Instant now = Instant.now();
        ApiKey.Issued sandbox = ApiKey.issue(Mode.SANDBOX, now);
        ApiKey.Issued live = ApiKey.issue(Mode.LIVE, now);
        String merchantId = Ids.next("m_");
        new DynamoMerchantRepository(software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient.builder()
                .dynamoDbClient(client)
                .extensions(software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.builder().build())
                .build(), client, io.cauri.store.TableNames.defaults())
                .save(new Merchant(merchantId, "Test merchant " + merchantId, List.of(sandbox.key(), live.key()), null));
        return new Credentials(merchantId, sandbox.secret(), live.secret());
    }

    /** A merchant with fixed credentials (the demo merchant of events/ and the README). */
    public static Credentials create(String merchantId, String sandboxSecret, String liveSecret) {
        Instant now = Instant.now();
        ApiKey.Issued sandbox = sandboxSecret == null ? ApiKey.issue(Mode.SANDBOX, now)
                : ApiKey.withSecret(Mode.SANDBOX, sandboxSecret, now);
        ApiKey.Issued live = liveSecret == null ? ApiKey.issue(Mode.LIVE, now) : ApiKey.withSecret(Mode.LIVE, liveSecret, now);
        repository().save(new Merchant(merchantId, "Test merchant " + merchantId,
                List.of(sandbox.key(), live.key()), null));
        return new Credentials(merchantId, sandbox.secret(), live.secret());
    }

    private static DynamoMerchantRepository repository() {
        return LocalRepositories.merchants();
    }
}
