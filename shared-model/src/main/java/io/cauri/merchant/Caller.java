package io.cauri.merchant;

/**
 * Who is calling, once authenticated: a merchant's server (API key) in one mode, or a client app holding
 * the token of exactly one intent ({@code intentId} set). Everything a caller reads or writes is scoped
 * to its merchant and mode.
 */
public record Caller(String merchantId, Mode mode, String intentId) {

    public static Caller server(String merchantId, Mode mode) {
        return new Caller(merchantId, mode, null);
    }

    public static Caller client(String merchantId, Mode mode, String intentId) {
        return new Caller(merchantId, mode, intentId);
    }

    public boolean isClient() {
        return intentId != null;
    }
}
