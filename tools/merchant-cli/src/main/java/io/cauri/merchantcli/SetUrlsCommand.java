package io.cauri.merchantcli;

import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import io.cauri.web.ApiException;
import io.cauri.web.Fields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The merchant's configured redirection URLs (HUB2 {@code GET /payment-intents/url/{token}}): where payers
 * are sent after a redirection flow. Only the URLs given change; an empty value clears one.
 */
@Command(name = "set-urls", mixinStandardHelpOptions = true,
        description = "Set a merchant's redirection URLs; only those given change, \"\" clears one.")
final class SetUrlsCommand extends MerchantCommand {

    @Option(names = "--merchant-id", required = true, paramLabel = "ID")
    String merchantId;

    @Option(names = "--on-success", paramLabel = "URL")
    String onSuccess;

    @Option(names = "--on-failed", paramLabel = "URL")
    String onFailed;

    @Option(names = "--on-cancel", paramLabel = "URL")
    String onCancel;

    @Option(names = "--on-finish", paramLabel = "URL")
    String onFinish;

    @Override
    void run(MerchantRepository merchants, String tableName) {
        if (onSuccess == null && onFailed == null && onCancel == null && onFinish == null) {
            throw usage("give at least one of --on-success, --on-failed, --on-cancel, --on-finish");
        }
        // checked before the table is read: a bad URL is a usage error whether or not the merchant exists
        String success = url("--on-success", onSuccess);
        String failed = url("--on-failed", onFailed);
        String cancel = url("--on-cancel", onCancel);
        String finish = url("--on-finish", onFinish);
        Merchant merchant = existing(merchants, merchantId, tableName);
        Merchant.RedirectionUrls current = merchant.redirectionUrls();
        Merchant.RedirectionUrls urls = new Merchant.RedirectionUrls(
                pick(onSuccess, success, current.onSuccessRedirectionUrl()),
                pick(onFailed, failed, current.onFailedRedirectionUrl()),
                pick(onCancel, cancel, current.onCancelRedirectionUrl()),
                pick(onFinish, finish, current.onFinishRedirectionUrl()));
        merchants.save(new Merchant(merchant.id(), merchant.name(), merchant.apiKeys(), urls));
        out().println("merchant_id=" + merchant.id());
        out().println("on_success_redirection_url=" + nullToEmpty(urls.onSuccessRedirectionUrl()));
        out().println("on_failed_redirection_url=" + nullToEmpty(urls.onFailedRedirectionUrl()));
        out().println("on_cancel_redirection_url=" + nullToEmpty(urls.onCancelRedirectionUrl()));
        out().println("on_finish_redirection_url=" + nullToEmpty(urls.onFinishRedirectionUrl()));
    }

    /** The API's own rule for redirection URLs (absolute http(s), at most Fields.MAX_REDIRECTION_URL_BYTES bytes). */
    private String url(String option, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Fields.redirectionUrl(option, value);
        } catch (ApiException e) {
            throw usage(option + " must be an absolute http(s) URL of at most " + Fields.MAX_REDIRECTION_URL_BYTES + " bytes");
        }
    }

    private static String pick(String given, String validated, String current) {
        return given == null ? current : validated;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
