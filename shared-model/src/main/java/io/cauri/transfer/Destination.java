package io.cauri.transfer;

/**
 * Where a transfer goes (HUB2's {@code destination}): a mobile money wallet, {@code msisdn} on {@code provider} in
 * {@code country}, held by {@code recipientName}.
 */
public record Destination(String type, String country, String recipientName, String msisdn, String provider) {
    public static final String MOBILE_MONEY = "mobile_money";
}
