package io.cauri.merchant;

import io.cauri.id.Ids;
import io.cauri.store.DynamoMerchantRepository;
import io.cauri.testing.LocalRepositories;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.TestMerchants.Credentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Server credentials checked against merchants stored in DynamoDB Local by the real repository. */
class MerchantAuthenticatorTest {

    private static final String SAME_FOR_ALL = "Invalid API key or merchant id.";

    static DynamoMerchantRepository repository;
    static MerchantAuthenticator authenticator;
    static Credentials merchant;
    static Credentials otherMerchant;

    @BeforeAll
    static void setUp() {
        repository = LocalRepositories.merchants();
        authenticator = new MerchantAuthenticator(repository);
        merchant = TestMerchants.fresh();
        otherMerchant = TestMerchants.fresh();
    }

    private String refused(String merchantId, String apiKey, Mode mode) {
        return assertThrows(AuthenticationException.class,
                () -> authenticator.authenticate(merchantId, apiKey, mode)).getMessage();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theRightKeyInItsOwnModeAuthenticatesAsServer(Mode mode) {
        Caller caller = authenticator.authenticate(merchant.merchantId(), merchant.key(mode), mode);

        assertEquals(Caller.server(merchant.merchantId(), mode), caller);
        assertEquals(false, caller.isClient());
    }

    @Test
    void aWrongKeyIsRefused() {
        assertEquals(SAME_FOR_ALL, refused(merchant.merchantId(), "sk_sandbox_wrong", Mode.SANDBOX));
        assertEquals(SAME_FOR_ALL, refused(merchant.merchantId(), "", Mode.SANDBOX));
    }

    @Test
    void anUnknownMerchantIsRefused() {
        assertEquals(SAME_FOR_ALL, refused(Ids.next("m_"), merchant.sandboxKey(), Mode.SANDBOX));
    }

    @Test
    void anotherMerchantsKeyIsRefused() {
        assertEquals(SAME_FOR_ALL, refused(merchant.merchantId(), otherMerchant.sandboxKey(), Mode.SANDBOX));
        assertEquals(SAME_FOR_ALL, refused(otherMerchant.merchantId(), merchant.liveKey(), Mode.LIVE));
    }

    @Test
    void aSandboxKeyIsRefusedInLiveAndALiveKeyInSandbox() {
        refused(merchant.merchantId(), merchant.sandboxKey(), Mode.LIVE);
        refused(merchant.merchantId(), merchant.liveKey(), Mode.SANDBOX);
    }

    @Test
    void aRevokedKeyIsRefused() {
        String merchantId = Ids.next("m_");
        Instant now = Instant.parse("2026-11-21T10:15:30.123Z");
        ApiKey.Issued revoked = ApiKey.issue(Mode.LIVE, now);
        ApiKey.Issued current = ApiKey.issue(Mode.LIVE, now);
        repository.save(new Merchant(merchantId, "Rotated", List.of(
                new ApiKey(revoked.key().id(), Mode.LIVE, revoked.key().sha256(), now, true), current.key()), null));

        assertEquals(SAME_FOR_ALL, refused(merchantId, revoked.secret(), Mode.LIVE));
        assertEquals(Caller.server(merchantId, Mode.LIVE), authenticator.authenticate(merchantId, current.secret(), Mode.LIVE));
    }

    @Test
    void malformedMerchantIdsAreRefusedLikeUnknownOnes() {
        assertEquals(SAME_FOR_ALL, refused(null, merchant.sandboxKey(), Mode.SANDBOX));
        assertEquals(SAME_FOR_ALL, refused("", merchant.sandboxKey(), Mode.SANDBOX));
        assertEquals(SAME_FOR_ALL, refused("m".repeat(65), merchant.sandboxKey(), Mode.SANDBOX));
    }
}
