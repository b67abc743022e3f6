package io.cauri.merchantcli;

import io.cauri.id.Ids;
import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import io.cauri.merchant.Mode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;

@Command(name = "create-merchant", mixinStandardHelpOptions = true,
        description = "Create a merchant account with one API key (printed once).")
final class CreateMerchantCommand extends MerchantCommand {

    @Option(names = "--name", required = true, description = "The merchant's name (1 to 100 printable characters).")
    String name;

    @Option(names = "--merchant-id", paramLabel = "ID", description = "The id to give it (default: a new m_… id).")
    String merchantId;

    @Option(names = "--mode", defaultValue = "sandbox", paramLabel = "sandbox|live",
            description = "Mode of the first API key (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Override
    void run(MerchantRepository merchants, String tableName) {
        if (name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw usage("--name must be 1 to 100 printable characters");
        }
        String id = merchantId == null ? Ids.next("m_") : merchantId(merchantId, "--merchant-id");
        ApiKey.Issued issued = ApiKey.issue(mode, Instant.now());
        Merchant merchant = new Merchant(id, name, List.of(issued.key()), null);
        if (!merchants.create(merchant)) { // conditional: two operators creating one id cannot both win
            throw new CommandFailure("merchant " + id + " already exists in table " + tableName);
        }
        printIssued(merchant, issued);
    }
}
