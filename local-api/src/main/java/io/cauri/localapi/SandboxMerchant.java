package io.cauri.localapi;

import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoMerchantRepository;
import io.cauri.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The merchant a developer calls the local API as, stored through the real repository with a sandbox key
 * and a live key. Only key hashes are stored, so a secret can be shown only in the run that issues it.
 */
public final class SandboxMerchant {

    /**
     * What to print. {@code sandboxKey} and {@code liveKey} are null when an existing merchant was kept: its
     * secrets were shown when they were issued.
     */
    public record Credentials(String merchantId, String sandboxKey, String liveKey, boolean kept) {
    }

    private SandboxMerchant() {
    }

    /**
     * Creates the merchant, or with a kept {@code --data-dir} keeps it as it is, unless {@code sandboxSecret}
     * is given: then its sandbox keys are replaced by that one.
     */
    public static Credentials seed(DynamoDbClient dynamo, String merchantId, String sandboxSecret) {
        return seed(dynamo, merchantId, sandboxSecret, null);
    }

    /**
     * Creates the merchant, or with a kept {@code --data-dir} keeps it as it is, except that the keys of a mode
     * whose secret is given ({@code sandboxSecret}, {@code liveSecret}: {@code --api-key}, {@code --live-api-key})
     * are replaced by that one.
     */
    public static Credentials seed(DynamoDbClient dynamo, String merchantId, String sandboxSecret, String liveSecret) {
        var repository = new DynamoMerchantRepository(
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(), dynamo, TableNames.defaults());
        Instant now = Instant.now();
        Optional<Merchant> existing = repository.find(merchantId);
        if (existing.isPresent() && sandboxSecret == null && liveSecret == null) {
            return new Credentials(merchantId, null, null, true);
        }
        if (existing.isPresent()) {
            Merchant merchant = existing.get();
            List<ApiKey> keys = new ArrayList<>(merchant.apiKeys().stream()
                    .filter(k -> !(k.mode() == Mode.SANDBOX && sandboxSecret != null))
                    .filter(k -> !(k.mode() == Mode.LIVE && liveSecret != null)).toList());
            if (sandboxSecret != null) {
                keys.add(ApiKey.withSecret(Mode.SANDBOX, sandboxSecret, now).key());
            }
            if (liveSecret != null) {
                keys.add(ApiKey.withSecret(Mode.LIVE, liveSecret, now).key());
            }
            repository.save(merchant.withApiKeys(keys)); // keeps every other setting (URLs, debit guard opt-out)
            return new Credentials(merchantId, sandboxSecret, liveSecret, true);
        }
        ApiKey.Issued sandbox = sandboxSecret == null ? ApiKey.issue(Mode.SANDBOX, now)
                : ApiKey.withSecret(Mode.SANDBOX, sandboxSecret, now);
        ApiKey.Issued live = liveSecret == null ? ApiKey.issue(Mode.LIVE, now) : ApiKey.withSecret(Mode.LIVE, liveSecret, now);
        repository.save(new Merchant(merchantId, "Local merchant " + merchantId, List.of(sandbox.key(), live.key()), null));
        return new Credentials(merchantId, sandbox.secret(), live.secret(), false);
    }
}
