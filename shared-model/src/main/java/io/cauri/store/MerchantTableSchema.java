package io.cauri.store;

import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import static io.cauri.store.IntentTableSchema.document;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

/** How a merchant account is stored: one item, API keys as SHA-256 hashes only. */
public final class MerchantTableSchema {

    private static final TableSchema<ApiKey> API_KEY = RecordSchema.of(ApiKey.class, b -> new ApiKey(b.get("id"),
                    Mode.valueOf(b.get("mode")), b.get("sha256"), Timestamps.parse(b.get("createdAt")),
                    Boolean.TRUE.equals(b.get("revoked"))))
            .add(String.class, "id", ApiKey::id)
            .add(String.class, "mode", k -> k.mode().name())
            .add(String.class, "sha256", ApiKey::sha256)
            .add(String.class, "createdAt", k -> Timestamps.format(k.createdAt()))
            .add(Boolean.class, "revoked", ApiKey::revoked)
            .build();

    private static final TableSchema<Merchant.RedirectionUrls> URLS = RecordSchema.of(Merchant.RedirectionUrls.class,
                    b -> new Merchant.RedirectionUrls(b.get("onSuccessRedirectionUrl"), b.get("onFailedRedirectionUrl"),
                            b.get("onCancelRedirectionUrl"), b.get("onFinishRedirectionUrl")))
            .add(String.class, "onSuccessRedirectionUrl", Merchant.RedirectionUrls::onSuccessRedirectionUrl)
            .add(String.class, "onFailedRedirectionUrl", Merchant.RedirectionUrls::onFailedRedirectionUrl)
            .add(String.class, "onCancelRedirectionUrl", Merchant.RedirectionUrls::onCancelRedirectionUrl)
            .add(String.class, "onFinishRedirectionUrl", Merchant.RedirectionUrls::onFinishRedirectionUrl)
            .build();

    public static final TableSchema<Merchant> MERCHANT = RecordSchema.of(Merchant.class, b -> new Merchant(
                    b.get("id"), b.get("name"), b.get("apiKeys"), b.get("redirectionUrls"), b.get("redirectOrigins"),
                    Boolean.TRUE.equals(b.get("allowRepeatDebits"))))
            .add(String.class, "id", Merchant::id, primaryPartitionKey())
            .add(String.class, "name", Merchant::name)
            .add(EnhancedType.listOf(document(ApiKey.class, API_KEY)), "apiKeys", Merchant::apiKeys)
            .add(document(Merchant.RedirectionUrls.class, URLS), "redirectionUrls", Merchant::redirectionUrls)
            .add(EnhancedType.listOf(String.class), "redirectOrigins", Merchant::redirectOrigins)
            // absent on merchants stored before the opt-out existed: read as false (guarded)
            .add(Boolean.class, "allowRepeatDebits", Merchant::allowRepeatDebits)
            .build();

    private MerchantTableSchema() {
    }
}
