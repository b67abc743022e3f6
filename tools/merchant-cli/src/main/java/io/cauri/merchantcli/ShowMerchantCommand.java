package io.cauri.merchantcli;

import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import io.cauri.time.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A merchant as stored: its keys' ids, modes and states (never a secret: none is stored) and its URLs. */
@Command(name = "show-merchant", mixinStandardHelpOptions = true,
        description = "Print a merchant's name, API keys (ids, modes, revoked or not) and redirection URLs.")
final class ShowMerchantCommand extends MerchantCommand {

    @Option(names = "--merchant-id", required = true, paramLabel = "ID")
    String merchantId;

    @Override
    void run(MerchantRepository merchants, String tableName) {
        Merchant merchant = existing(merchants, merchantId, tableName);
        out().println("merchant_id=" + merchant.id());
        out().println("name=" + merchant.name());
        for (ApiKey key : merchant.apiKeys()) {
            out().println("key=" + key.id() + " mode=" + key.mode().wire() + " created_at="
                    + Timestamps.format(key.createdAt()) + " revoked=" + key.revoked());
        }
        Merchant.RedirectionUrls urls = merchant.redirectionUrls();
        out().println("on_success_redirection_url=" + orEmpty(urls.onSuccessRedirectionUrl()));
        out().println("on_failed_redirection_url=" + orEmpty(urls.onFailedRedirectionUrl()));
        out().println("on_cancel_redirection_url=" + orEmpty(urls.onCancelRedirectionUrl()));
        out().println("on_finish_redirection_url=" + orEmpty(urls.onFinishRedirectionUrl()));
        out().println("allow_repeat_debits=" + merchant.allowRepeatDebits());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
