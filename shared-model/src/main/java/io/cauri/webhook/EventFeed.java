package io.cauri.webhook;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.id.Ids;
import io.cauri.merchant.Mode;
import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * A merchant's events feed (docs/CONTRACT.md §5): every event of its merchant and mode still kept (30 days), the
 * very events the webhooks carry (same ids, same bodies: both read the delivery log the stream publisher writes
 * before anything is announced, whether or not an endpoint subscribes), oldest first after a position, so a
 * merchant whose endpoint was down catches up in order.
 * <p>
 * The order is the order events were logged. An event is shown only once it has been logged for
 * {@code cauri.events.feed-settle} (30 s): writers of different intents log concurrently, an event's position is
 * stamped just before its write (bounded at {@code DynamoDeliveryLog.EVENT_WRITE_BOUND}, 10 s, retries included)
 * and the index is eventually consistent, so an event logged a moment ago may still be joined by one logged just
 * before it. Held back that long, a page's tail is final in practice; not absolutely: an index lagging longer than
 * the window (a DynamoDB incident) could still show an event behind a position already read, which is why
 * docs/CONTRACT.md §5 tells consumers to de-duplicate on id and re-read from an older position after an incident.
 * <p>
 * A page may hold fewer events than asked, even none, with more to follow: one call reads a bounded number of
 * index pages (expired events not yet deleted by TTL, or another type's, are read and dropped), then its cursor
 * goes on from where the read stopped.
 * <p>
 * A position is an event id of the merchant's ({@code evt_…}) or the opaque cursor a page returns ({@code cur_…}):
 * the cursor also moves past events a type filter skipped. An id that is not one of the merchant's kept events
 * in this mode is not found; a cursor that is not one of this feed's is invalid.
 */
@Singleton
public class EventFeed {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final String CURSOR = "cur_";
    /** {@code cauri.events.feed-settle} unless configured: three times an event write's bound (DynamoDeliveryLog). */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);

    private final DeliveryLog log;
    private final Clock clock;
    private final Duration settle;

    public EventFeed(DeliveryLog log, Clock clock, @Value("${cauri.events.feed-settle:30s}") Duration settle) {
        this.log = log;
        this.clock = clock;
        this.settle = settle;
    }

    /** A page: its events oldest first, whether more follow now, and the cursor to read on from (null: from the start). */
    public record Page(List<EventEnvelope> events, boolean hasMore, String nextCursor) {
    }

    /**
     * The page after {@code after} (null: from the oldest kept event). {@code afterParam} names the query
     * parameter in refusals (the families call it differently).
     */
    public Page page(String merchantId, Mode mode, String after, String afterParam, Set<EventType> types, int limit) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        DeliveryLog.FeedPosition from = after == null ? null : position(merchantId, mode, after, afterParam, now);
        DeliveryLog.FeedPage page = log.feed(merchantId, mode, from, types, limit, now.minus(settle), now);
        return new Page(page.events(), page.hasMore(), page.last() == null ? null : cursor(merchantId, mode, page.last()));
    }

    /** {@code limit}: absent or empty gives {@value #DEFAULT_LIMIT}; else an integer from 1 to {@value #MAX_LIMIT}. */
    public static int limit(String raw, String param) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Refused(Refusal.INVALID_PARAMETER, param, param + " must be an integer from 1 to " + MAX_LIMIT + ".");
        }
        return limit;
    }

    /**
     * The types asked for: each value one type or several separated by commas (the parameter may be repeated);
     * none means every type. An unknown type is refused, never silently ignored.
     */
    public static Set<EventType> types(List<String> values, String param) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String value : values) {
            for (String name : value.split(",", -1)) {
                String wire = name.strip();
                types.add(EventType.fromWire(wire).orElseThrow(() -> new Refused(Refusal.INVALID_PARAMETER, param,
                        param + " must name event types, such as payment_intent.successful; "
                                + (wire.length() > 60 ? "that one" : "'" + wire + "'") + " is not one.")));
            }
        }
        return types;
    }

    private DeliveryLog.FeedPosition position(String merchantId, Mode mode, String after, String param, Instant now) {
        if (after.startsWith(Ids.EVENT)) {
            if (!Ids.looksLike(Ids.EVENT, after)) {
                throw notFound(param, after);
            }
            return log.feedPosition(merchantId, mode, after, now).orElseThrow(() -> notFound(param, after));
        }
        return decode(merchantId, mode, after).orElseThrow(() -> new Refused(Refusal.INVALID_PARAMETER, param,
                param + " must be an event id of yours or a cursor this feed returned."));
    }

    private static Refused notFound(String param, String id) {
        return new Refused(Refusal.NOT_FOUND, param,
                "No event " + (Ids.looksLike(Ids.EVENT, id) ? id : "with that id") + " (events are kept 30 days).");
    }

    /**
     * {@code cur_} + base64url of {@code merchantId#MODE|loggedAt millis|event id|crc32}: the feed it belongs to,
     * its position, and a checksum so an edited or truncated cursor is refused rather than read as another
     * position. Not a secret: it only ever positions the caller's own feed.
     */
    static String cursor(String merchantId, Mode mode, DeliveryLog.FeedPosition position) {
        String payload = owner(merchantId, mode) + "|" + position.loggedAt().toEpochMilli() + "|" + position.eventId();
        String text = payload + "|" + Long.toHexString(crc(payload));
        return CURSOR + Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<DeliveryLog.FeedPosition> decode(String merchantId, Mode mode, String cursor) {
        if (!cursor.startsWith(CURSOR) || cursor.length() > 400) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor.substring(CURSOR.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int check = text.lastIndexOf('|');
        if (check < 0) {
            return Optional.empty();
        }
        String payload = text.substring(0, check);
        if (!Long.toHexString(crc(payload)).equals(text.substring(check + 1))) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 3 || !parts[0].equals(owner(merchantId, mode)) || !Ids.looksLike(Ids.EVENT, parts[2])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeliveryLog.FeedPosition(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]));
        } catch (RuntimeException notAnInstant) {
            return Optional.empty();
        }
    }

    private static String owner(String merchantId, Mode mode) {
        return merchantId + "#" + mode.name();
    }

    private static long crc(String payload) {
        CRC32 crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** A feed request refused: a bad limit, type or position. */
    public static final class Refused extends RefusalException {
        Refused(Refusal refusal, String param, String message) {
            super(refusal, param, message);
        }
    }
}
