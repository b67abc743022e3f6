package io.cauri.store;

import io.cauri.id.Ids;
import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.Mode;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalRepositories;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DynamoMerchantRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.000Z");
    private final DynamoMerchantRepository repository = LocalRepositories.merchants();

    @Test
    void aMerchantRoundTripsWithItsKeysAndUrls() {
        ApiKey.Issued live = ApiKey.issue(Mode.LIVE, NOW);
        ApiKey revoked = new ApiKey(Ids.next("key_"), Mode.SANDBOX, ApiKey.hash("old"), NOW.minusSeconds(86_400), true);
        Merchant merchant = new Merchant(Ids.next("m_"), "Boutique Élysée", List.of(live.key(), revoked),
                new Merchant.RedirectionUrls("https://shop.example/ok", "https://shop.example/ko", null,
                        "https://shop.example/done"));

        repository.save(merchant);

        assertEquals(Optional.of(merchant), repository.find(merchant.id()));
    }

    @Test
    void aMerchantWithoutKeysOrUrlsRoundTrips() {
        Merchant merchant = new Merchant(Ids.next("m_"), "Bare", List.of(), null);

        repository.save(merchant);

        assertEquals(Optional.of(merchant), repository.find(merchant.id()));
    }

    @Test
    void theTableHoldsHashesNeverSecrets() {
        ApiKey.Issued live = ApiKey.issue(Mode.LIVE, NOW);
        Merchant merchant = new Merchant(Ids.next("m_"), "Shop", List.of(live.key()), null);
        repository.save(merchant);

        Map<String, AttributeValue> item = DynamoDbLocal.shared().client().getItem(r -> r
                .tableName(TableNames.defaults().merchants())
                .key(Map.of("id", AttributeValue.fromS(merchant.id())))).item();

        assertFalse(item.toString().contains(live.secret()), item.toString());
        assertEquals(live.key().sha256(), item.get("apiKeys").l().get(0).m().get("sha256").s());
    }

    @Test
    void saveReplacesTheStoredMerchant() {
        String id = Ids.next("m_");
        repository.save(new Merchant(id, "Before", List.of(), null));
        Merchant after = new Merchant(id, "After", List.of(ApiKey.issue(Mode.SANDBOX, NOW).key()), null);

        repository.save(after);

        assertEquals(Optional.of(after), repository.find(id));
    }

    @Test
    void ofRacingCreatesOfOneIdExactlyOneWinsAndItsKeysAreTheOnlyOnesIndexed() throws Exception {
        String id = Ids.next("m_");
        int racers = 8;
        var issued = new java.util.ArrayList<ApiKey.Issued>();
        for (int i = 0; i < racers; i++) {
            issued.add(ApiKey.issue(Mode.SANDBOX, NOW));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        try {
            var wins = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (ApiKey.Issued key : issued) {
                wins.add(pool.submit(() -> repository.create(new Merchant(id, "Racer", List.of(key.key()), null))));
            }
            int winners = 0;
            for (int i = 0; i < racers; i++) {
                if (wins.get(i).get()) {
                    winners++;
                    assertEquals(id, repository.findByApiKey(issued.get(i).secret()).orElseThrow().id());
                } else {
                    assertEquals(Optional.empty(), repository.findByApiKey(issued.get(i).secret()));
                }
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownOrMalformedIdsAreNotFound() {
        assertEquals(Optional.empty(), repository.find(Ids.next("m_")));
        assertEquals(Optional.empty(), repository.find(null));
        assertEquals(Optional.empty(), repository.find(""));
        assertEquals(Optional.empty(), repository.find("m".repeat(65)));
    }
}
