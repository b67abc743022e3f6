package io.cauri.merchantcli;

import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The merchant's opt-out of the duplicate-debit guard: by default a second live attempt debiting the same number
 * the same amount within the guard's window is refused (409 duplicate_request); a merchant whose payers buy the
 * same thing twice in a row on purpose may allow it across different intents.
 */
@Command(name = "set-debit-guard", mixinStandardHelpOptions = true,
        description = "Allow or refuse (the default) live attempts on different intents that debit the same number "
                + "the same amount within minutes.")
final class SetDebitGuardCommand extends MerchantCommand {

    @Option(names = "--merchant-id", required = true, paramLabel = "ID")
    String merchantId;

    @Option(names = "--allow-repeat-debits", required = true, arity = "1", paramLabel = "true|false",
            description = "true: opt out of the guard for attempts on different intents; false: guarded (default).")
    boolean allowRepeatDebits;

    @Override
    void run(MerchantRepository merchants, String tableName) {
        Merchant merchant = existing(merchants, merchantId, tableName);
        merchants.save(merchant.withAllowRepeatDebits(allowRepeatDebits));
        out().println("merchant_id=" + merchant.id());
        out().println("allow_repeat_debits=" + allowRepeatDebits);
    }
}
