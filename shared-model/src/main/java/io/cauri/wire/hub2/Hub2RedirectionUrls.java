package io.cauri.wire.hub2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cauri.merchant.Merchant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /payment-intents/url/{token}}: the redirection URLs the merchant configured. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Hub2RedirectionUrls(@Nullable String onSuccessRedirectionUrl, @Nullable String onFailedRedirectionUrl,
                                  @Nullable String onCancelRedirectionUrl, @Nullable String onFinishRedirectionUrl) {
    public static Hub2RedirectionUrls of(Merchant.RedirectionUrls urls) {
        return new Hub2RedirectionUrls(urls.onSuccessRedirectionUrl(), urls.onFailedRedirectionUrl(),
                urls.onCancelRedirectionUrl(), urls.onFinishRedirectionUrl());
    }
}
