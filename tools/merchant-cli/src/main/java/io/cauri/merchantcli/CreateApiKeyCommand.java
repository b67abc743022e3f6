package io.cauri.merchantcli;

import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import io.cauri.merchant.Mode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Command(name = "create-api-key", mixinStandardHelpOptions = true,
        description = "Issue another API key for a merchant (printed once); its other keys keep working.")
final class CreateApiKeyCommand extends MerchantCommand {

    @Option(names = "--merchant-id", required = true, paramLabel = "ID")
    String merchantId;

    @Option(names = "--mode", required = true, paramLabel = "sandbox|live", description = "The key's mode.")
    Mode mode;

    @Override
    void run(MerchantRepository merchants, String tableName) {
        Merchant merchant = existing(merchants, merchantId, tableName);
        ApiKey.Issued issued = ApiKey.issue(mode, Instant.now());
        List<ApiKey> keys = new ArrayList<>(merchant.apiKeys());
        keys.add(issued.key());
        Merchant updated = merchant.withApiKeys(keys);
        merchants.save(updated);
        printIssued(updated, issued);
    }
}
