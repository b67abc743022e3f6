package io.cauri.merchantcli;

import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * Marks a key revoked in the merchant's item. The key's hash index item stays: it only leads to the
 * merchant, whose key then no longer matches ({@link ApiKey#matches}), so the key stops authenticating at
 * once in both API families.
 */
@Command(name = "revoke-api-key", mixinStandardHelpOptions = true,
        description = "Revoke one of a merchant's API keys: it stops authenticating at once.")
final class RevokeApiKeyCommand extends MerchantCommand {

    @Option(names = "--merchant-id", required = true, paramLabel = "ID")
    String merchantId;

    @Option(names = "--key-id", required = true, paramLabel = "KEY_ID",
            description = "The key's id (key_…), as printed when it was issued.")
    String keyId;

    @Override
    void run(MerchantRepository merchants, String tableName) {
        Merchant merchant = existing(merchants, merchantId, tableName);
        ApiKey key = merchant.apiKeys().stream().filter(k -> k.id().equals(keyId)).findFirst()
                .orElseThrow(() -> new CommandFailure("merchant " + merchant.id() + " has no API key " + keyId));
        if (key.revoked()) {
            err().println("note: " + keyId + " was already revoked");
        } else {
            List<ApiKey> keys = merchant.apiKeys().stream()
                    .map(k -> k.id().equals(keyId)
                            ? new ApiKey(k.id(), k.mode(), k.sha256(), k.createdAt(), true) : k)
                    .toList();
            merchants.save(merchant.withApiKeys(keys));
        }
        out().println("merchant_id=" + merchant.id());
        out().println("key_id=" + keyId);
        out().println("revoked=true");
    }
}
