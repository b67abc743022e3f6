package io.cauri.store;

/**
 * How the event and delivery log is stored, one partition per event ({@value #PK} = event id): the event
 * itself ({@value #SK} = {@value #EVENT_SK}) and one item per endpoint ({@code delivery#wh_…}). Every item
 * carries {@value #INTENT_ID} and {@value #INTENT_SORT} ({@code createdAt#eventId#sk}), so index
 * {@value #BY_INTENT} returns an intent's events with their deliveries in one Query. {@value #EXPIRES_AT}
 * (epoch seconds) is the TTL. An event item's body is stored compressed ({@value #BODY_DEFLATED}); its merchant, mode and creation time only
 * in {@value #MERCHANT_MODE} and {@value #INTENT_SORT}. Event items alone also carry {@value #MERCHANT_MODE} ({@code merchantId#MODE}) and
 * {@value #FEED_SORT} ({@code loggedAt#eventId}, the time the event was first logged): index {@value #BY_MERCHANT}
 * (sparse: no delivery item is in it) is the merchant's events feed in the order they were logged.
 */
public final class DeliveryLogSchema {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String EVENT_SK = "event";
    public static final String DELIVERY_SK_PREFIX = "delivery#";
    public static final String BY_INTENT = "byIntent";
    public static final String INTENT_ID = "intentId";
    public static final String INTENT_SORT = "intentSort";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String BY_MERCHANT = "byMerchant";
    public static final String MERCHANT_MODE = "merchantMode";
    public static final String FEED_SORT = "feedSort";
    /** An event item's body, raw deflate of its UTF-8 bytes (binary; a short name: it is in every event item). */
    public static final String BODY_DEFLATED = "bz";
    /** An event item's body as text: items logged before {@value #BODY_DEFLATED}, read only (they expire by TTL). */
    public static final String BODY = "body";

    private DeliveryLogSchema() {
    }
}
