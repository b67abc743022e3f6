package io.cauri.merchant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");

    @Test
    void theHashIsLowercaseHexSha256OfTheUtf8Secret() {
        // FIPS 180-2 test vectors, and one non-ASCII secret (UTF-8 bytes c3 a9)
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKey.hash("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ApiKey.hash(""));
        assertEquals("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c", ApiKey.hash("é"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anIssuedKeyStoresOnlyTheHashOfItsSecret(Mode mode) {
        ApiKey.Issued issued = ApiKey.issue(mode, NOW);
        ApiKey key = issued.key();
        String secret = issued.secret();

        assertTrue(secret.matches((mode == Mode.LIVE ? "sk_live_" : "sk_sandbox_") + "[A-Za-z0-9_-]{42}"), secret);
        assertEquals(ApiKey.hash(secret), key.sha256());
        assertTrue(key.id().matches("key_[A-Za-z0-9_-]{21}"), key.id());
        assertEquals(mode, key.mode());
        assertEquals(NOW, key.createdAt());
        assertFalse(key.revoked());
        // nothing stored carries the secret, not even a piece of it
        String secretBody = secret.substring(secret.length() - 42);
        for (String stored : List.of(key.id(), key.sha256(), key.toString())) {
            assertFalse(stored.contains(secretBody.substring(0, 12)), stored);
            assertFalse(stored.contains(secretBody.substring(30)), stored);
        }
    }

    @Test
    void everyIssuedSecretIsNew() {
        assertNotEquals(ApiKey.issue(Mode.LIVE, NOW).secret(), ApiKey.issue(Mode.LIVE, NOW).secret());
    }

    @Test
    void anOperatorChosenSecretIsStoredTheSameWay() {
        ApiKey.Issued issued = ApiKey.withSecret(Mode.SANDBOX, "sk_sandbox_demo", NOW);

        assertEquals("1a2ac1341df9c063a0e169f53446988d5374273383dbaa08b678dbb584cea68d", issued.key().sha256());
        assertTrue(issued.key().matches("sk_sandbox_demo"));
    }

    @Test
    void theKeyMatchesItsSecretAndNothingElse() {
        ApiKey.Issued issued = ApiKey.issue(Mode.LIVE, NOW);
        ApiKey key = issued.key();
        String secret = issued.secret();
        char first = secret.charAt(0);
        char last = secret.charAt(secret.length() - 1);

        assertTrue(key.matches(secret));
        assertFalse(key.matches(""));
        assertFalse(key.matches(secret.substring(0, secret.length() - 1)), "a prefix");
        assertFalse(key.matches(secret + "x"), "a longer secret");
        assertFalse(key.matches((first == 's' ? 'S' : 's') + secret.substring(1)), "first character differs");
        assertFalse(key.matches(secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A')),
                "last character differs");
        assertFalse(key.matches(" " + secret), "surrounding space is not trimmed");
        assertFalse(key.matches(ApiKey.issue(Mode.LIVE, NOW).secret()), "another key's secret");
    }

    @Test
    void theStoredHashIsNotACredential() {
        // whoever reads the table must not be able to log in with what is stored (no pass-the-hash)
        ApiKey key = ApiKey.issue(Mode.LIVE, NOW).key();

        assertFalse(key.matches(key.sha256()));
        assertFalse(key.matches(key.sha256().toUpperCase()));
    }

    @Test
    void aRevokedKeyNeverMatches() {
        ApiKey.Issued issued = ApiKey.issue(Mode.SANDBOX, NOW);
        ApiKey k = issued.key();
        ApiKey revoked = new ApiKey(k.id(), k.mode(), k.sha256(), k.createdAt(), true);

        assertFalse(revoked.matches(issued.secret()));
    }

    // ---- Merchant.keyMatching ----

    @Test
    void aMerchantFindsTheKeyOfASecretAmongAllItsKeys() {
        ApiKey.Issued sandbox = ApiKey.issue(Mode.SANDBOX, NOW);
        ApiKey.Issued live = ApiKey.issue(Mode.LIVE, NOW);
        ApiKey.Issued old = ApiKey.issue(Mode.LIVE, NOW);
        ApiKey oldRevoked = new ApiKey(old.key().id(), Mode.LIVE, old.key().sha256(), NOW, true);
        Merchant merchant = new Merchant("m_1", "Shop", List.of(sandbox.key(), oldRevoked, live.key()), null);

        assertEquals(Optional.of(sandbox.key()), merchant.keyMatching(sandbox.secret()));
        assertEquals(Optional.of(live.key()), merchant.keyMatching(live.secret()));
        assertEquals(Optional.empty(), merchant.keyMatching(old.secret()), "revoked");
        assertEquals(Optional.empty(), merchant.keyMatching("sk_live_nope"));
    }

    @Test
    void aMerchantWithoutKeysMatchesNothingAndHasNoUrls() {
        Merchant merchant = new Merchant("m_1", "Shop", null, null);

        assertEquals(Optional.empty(), merchant.keyMatching(""));
        assertEquals(List.of(), merchant.apiKeys());
        assertEquals(Merchant.RedirectionUrls.NONE, merchant.redirectionUrls());
    }
}
