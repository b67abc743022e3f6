package io.cauri.merchantcli;

import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import io.cauri.web.error.ApiException;
import io.cauri.web.json.Fields;
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

    @Option(names = "--redirect-origins", paramLabel = "ORIGINS",
            description = "Comma-separated origins (https://shop.example) an attempt's redirection URLs may use; \"\" clears.")
    String redirectOrigins;

    @Override
    void run(MerchantRepository merchants, String tableName) {
        if (onSuccess == null && onFailed == null && onCancel == null && onFinish == null && redirectOrigins == null) {
            throw usage("give at least one of --on-success, --on-failed, --on-cancel, --on-finish, --redirect-origins");
        }
        java.util.List<String> origins = redirectOrigins == null ? null : origins(redirectOrigins);
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
        merchants.save(merchant.withRedirects(urls, origins == null ? merchant.redirectOrigins() : origins));
        out().println("merchant_id=" + merchant.id());
        out().println("on_success_redirection_url=" + nullToEmpty(urls.onSuccessRedirectionUrl()));
        out().println("on_failed_redirection_url=" + nullToEmpty(urls.onFailedRedirectionUrl()));
        out().println("on_cancel_redirection_url=" + nullToEmpty(urls.onCancelRedirectionUrl()));
        out().println("on_finish_redirection_url=" + nullToEmpty(urls.onFinishRedirectionUrl()));
        out().println("redirect_origins=" + String.join(",", origins == null ? merchant.redirectOrigins() : origins));
    }

    /** Each an origin only (scheme, host, port): no path, query or credentials. */
    private java.util.List<String> origins(String list) {
        java.util.List<String> origins = new java.util.ArrayList<>();
        for (String value : list.split(",")) {
            String trimmed = value.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String origin = io.cauri.merchant.RedirectPolicy.origin(trimmed).orElse(null);
            if (origin == null || !(origin.equals(trimmed.toLowerCase(java.util.Locale.ROOT))
                    || (origin + "/").equals(trimmed.toLowerCase(java.util.Locale.ROOT)))) {
                throw usage("--redirect-origins: " + trimmed + " is not an origin such as https://shop.example");
            }
            origins.add(origin);
        }
        return origins;
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
