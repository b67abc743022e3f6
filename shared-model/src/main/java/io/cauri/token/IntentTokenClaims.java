package io.cauri.token;

import io.cauri.merchant.Mode;

/** What a verified client token proves: the holder may act on this one intent of this merchant and mode. */
public record IntentTokenClaims(String intentId, String merchantId, Mode mode) {
}
