package io.cauri.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.id.Ids;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import io.cauri.time.Timestamps;
import io.cauri.webhook.DeliveryLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /events} and {@code GET /api/v1/events} through the real handler, on DynamoDB Local, with a movable
 * clock: the log's writer (the same {@link DeliveryLog} the stream publisher and dispatcher use) stamps each
 * event with the clock's time, the feed holds events back for its settle window and drops them after 30 days.
 */
class EventFeedTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final MovableClock CLOCK = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    /** The default window (nothing configured): a few times the 10 s bound on an event's write. */
    static final Duration SETTLE = Duration.ofSeconds(30);
    static LocalFunction function;
    TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        // no webhook queue: the function's other routes deliver in-process; this test sends nothing
        function = new LocalFunction(Map.of(
                "cauri.webhooks.encryption-key", io.cauri.testing.LocalEvents.ENCRYPTION_KEY), CLOCK);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @BeforeEach
    void freshMerchant() {
        merchant = TestMerchants.fresh();
    }

    /** Logs an event of the merchant now (by the clock), as the stream publisher does, then moves the clock 1 ms. */
    EventEnvelope logged(TestMerchants.Credentials owner, Mode mode, EventType type, Instant createdAt) {
        String id = Ids.next(Ids.EVENT);
        String intentId = Ids.next(Ids.INTENT);
        String body = "{\"id\":\"" + id + "\",\"type\":\"" + type.wire() + "\",\"createdAt\":\""
                + Timestamps.format(createdAt) + "\",\"mode\":\"" + mode.wire() + "\",\"merchantId\":\""
                + owner.merchantId() + "\",\"sequence\":1001,\"data\":{\"id\":\"" + intentId
                + "\",\"status\":\"payment_required\",\"amount\":1000,\"currency\":\"XOF\"}}";
        EventEnvelope event = new EventEnvelope(id, type, owner.merchantId(), mode, intentId, createdAt, body, 1001);
        function.context().getBean(DeliveryLog.class).recordEvent(event);
        CLOCK.advance(Duration.ofMillis(1));
        return event;
    }

    EventEnvelope logged(EventType type) {
        return logged(merchant, Mode.SANDBOX, type, CLOCK.instant());
    }

    static void settled() {
        CLOCK.advance(SETTLE.plusMillis(1));
    }

    LocalFunction.Response feed(Map<String, String> query) {
        return feed(merchant, Mode.SANDBOX, query);
    }

    static LocalFunction.Response feed(TestMerchants.Credentials who, Mode mode, Map<String, String> query) {
        ApiGatewayEvents request = ApiGatewayEvents.get("/events").auth(who.merchantId(), who.key(mode), mode.wire());
        query.forEach(request::query);
        return function.handle(request);
    }

    LocalFunction.Response v1(Map<String, String> query) {
        ApiGatewayEvents request = ApiGatewayEvents.get("/api/v1/events")
                .header("Authorization", "Bearer " + merchant.key(Mode.SANDBOX));
        query.forEach(request::query);
        return function.handle(request);
    }

    static List<String> ids(LocalFunction.Response page) {
        List<String> ids = new ArrayList<>();
        page.json().get("data").forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    @Test
    void pagesGoOldestFirstOverEveryEventWithNoGapOrDuplicate() {
        List<String> expected = new ArrayList<>();
        EventType[] types = EventType.values();
        for (int i = 0; i < 45; i++) {
            expected.add(logged(types[i % types.length]).id());
        }
        settled();

        List<String> read = new ArrayList<>();
        List<Boolean> more = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            var response = feed(cursor == null ? Map.of() : Map.of("after", cursor));
            assertEquals(200, response.status(), response.body());
            read.addAll(ids(response));
            more.add(response.json().get("hasMore").asBoolean());
            cursor = response.json().get("nextCursor").asText();
        }
        assertEquals(expected, read, "every event once, in the order logged");
        assertEquals(List.of(true, true, false), more);
        assertEquals(45, new HashSet<>(read).size());

        // caught up: an empty page keeps the position
        var caughtUp = feed(Map.of("after", cursor));
        assertEquals(0, caughtUp.json().get("data").size());
        assertFalse(caughtUp.json().get("hasMore").asBoolean());
        assertEquals(cursor, caughtUp.json().get("nextCursor").asText());
        // a later event comes after it
        EventEnvelope later = logged(EventType.PAYMENT_INTENT_CANCELED);
        settled();
        assertEquals(List.of(later.id()), ids(feed(Map.of("after", cursor))));

        // an event id works as the position too (Stripe's starting_after), in both families
        assertEquals(expected.subList(21, 41), ids(feed(Map.of("after", expected.get(20)))));
        var v1 = v1(Map.of("starting_after", expected.get(20), "limit", "20"));
        assertEquals(200, v1.status(), v1.body());
        assertEquals(expected.subList(21, 41), ids(v1));
        assertEquals("list", v1.json().get("object").asText());
        assertEquals("/api/v1/events", v1.json().get("url").asText());
        assertTrue(v1.json().get("has_more").asBoolean());
        var v1Next = v1(Map.of("starting_after", v1.json().get("next_cursor").asText(), "limit", "100"));
        assertEquals(expected.subList(41, 45), ids(v1Next).subList(0, 4));
        assertFalse(v1Next.json().get("has_more").asBoolean());
    }

    @Test
    void theBodyIsTheWebhooksBody() throws Exception {
        EventEnvelope event = logged(EventType.PAYMENT_INTENT_SUCCESSFUL);
        settled();
        JsonNode shown = feed(Map.of()).json().get("data").get(0);
        assertEquals(JSON.readTree(event.body()), shown);
        assertEquals(JSON.readTree(event.body()), v1(Map.of()).json().get("data").get(0));
    }

    @Test
    void aJustLoggedEventWaitsForTheSettleWindowAndALateOneLandsAfterThePositionRead() {
        EventEnvelope first = logged(EventType.PAYMENT_INTENT_CREATED);
        var tooSoon = feed(Map.of());
        assertEquals(0, tooSoon.json().get("data").size(), "logged a moment ago: not final yet");
        assertTrue(tooSoon.json().get("nextCursor").isNull(), "no position before any event");
        CLOCK.advance(Duration.ofSeconds(25));
        assertEquals(0, feed(Map.of()).json().get("data").size(),
                "25 s on: still inside the window, which covers an event's 10 s write bound with margin");
        settled();
        var read = feed(Map.of());
        assertEquals(List.of(first.id()), ids(read));
        String cursor = read.json().get("nextCursor").asText();

        // a lagging publisher logs now an event created before the first one: it is not lost behind the cursor
        EventEnvelope late = logged(merchant, Mode.SANDBOX, EventType.PAYMENT_SUCCESSFUL, first.createdAt().minusSeconds(60));
        settled();
        assertEquals(List.of(late.id()), ids(feed(Map.of("after", cursor))));
    }

    @Test
    void typeFilterTakesOneOrSeveralKnownTypes() {
        EventEnvelope created = logged(EventType.PAYMENT_INTENT_CREATED);
        EventEnvelope paid = logged(EventType.PAYMENT_INTENT_SUCCESSFUL);
        EventEnvelope refund = logged(EventType.REFUND_SUCCEEDED);
        logged(EventType.PAYMENT_PROCESSING);
        settled();
        assertEquals(List.of(paid.id()), ids(feed(Map.of("type", "payment_intent.successful"))));
        assertEquals(List.of(created.id(), refund.id()),
                ids(feed(Map.of("type", "refund.succeeded,payment_intent.created"))));
        assertEquals(List.of(refund.id()), ids(v1(Map.of("type", "refund.succeeded"))));
        // the cursor of a filtered page goes on past what the filter skipped
        var first = feed(Map.of("type", "payment_intent.created,refund.succeeded", "limit", "1"));
        assertEquals(List.of(created.id()), ids(first));
        assertTrue(first.json().get("hasMore").asBoolean());
        assertEquals(List.of(refund.id()), ids(feed(Map.of("type", "payment_intent.created,refund.succeeded",
                "after", first.json().get("nextCursor").asText()))));

        for (String bad : List.of("payment_intent.paid", "", "payment_intent.created,nope", "PAYMENT_INTENT.CREATED")) {
            var refused = feed(Map.of("type", bad));
            assertEquals(400, refused.status(), bad + ": " + refused.body());
            assertEquals("invalid_parameter", refused.json().get("code").asText());
            assertEquals("type", refused.json().get("param").asText());
            var v1Refused = v1(Map.of("type", bad));
            assertEquals(400, v1Refused.status(), bad);
            assertEquals("type", v1Refused.json().get("param").asText());
        }
    }

    @Test
    void limitIsFromOneToAHundredTwentyByDefault() {
        for (int i = 0; i < 101; i++) {
            logged(EventType.PAYMENT_INTENT_CREATED);
        }
        settled();
        assertEquals(20, feed(Map.of()).json().get("data").size());
        assertEquals(1, feed(Map.of("limit", "1")).json().get("data").size());
        var hundred = feed(Map.of("limit", "100"));
        assertEquals(100, hundred.json().get("data").size());
        assertTrue(hundred.json().get("hasMore").asBoolean());
        assertEquals(20, v1(Map.of()).json().get("data").size());
        for (String bad : List.of("0", "101", "-1", "abc", "1.5", "99999999999")) {
            var refused = feed(Map.of("limit", bad));
            assertEquals(400, refused.status(), bad + ": " + refused.body());
            assertEquals("invalid_parameter", refused.json().get("code").asText());
            assertEquals("limit", refused.json().get("param").asText());
            assertEquals(400, v1(Map.of("limit", bad)).status(), bad);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cur_", "cur_!!!", "cur_bm90IGEgY3Vyc29y", "garbage", "pi_0123456789012345678901"})
    void aMalformedCursorIsRefused(String cursor) {
        var refused = feed(Map.of("after", cursor));
        assertEquals(400, refused.status(), refused.body());
        assertEquals("invalid_parameter", refused.json().get("code").asText());
        assertEquals("after", refused.json().get("param").asText());
        var v1Refused = v1(Map.of("starting_after", cursor));
        assertEquals(400, v1Refused.status());
        assertEquals("starting_after", v1Refused.json().get("param").asText());
    }

    @Test
    void anEditedCursorOrAnotherFeedsCursorIsRefused() {
        logged(EventType.PAYMENT_INTENT_CREATED);
        logged(EventType.PAYMENT_INTENT_CREATED);
        settled();
        String cursor = feed(Map.of("limit", "1")).json().get("nextCursor").asText();
        String text = new String(Base64.getUrlDecoder().decode(cursor.substring(4)), StandardCharsets.UTF_8);
        String[] parts = text.split("\\|");
        // the same cursor moved a second back, its checksum left as it was
        String moved = parts[0] + "|" + (Long.parseLong(parts[1]) - 1000) + "|" + parts[2] + "|" + parts[3];
        String edited = "cur_" + Base64.getUrlEncoder().withoutPadding().encodeToString(moved.getBytes(StandardCharsets.UTF_8));
        var refused = feed(Map.of("after", edited));
        assertEquals(400, refused.status(), refused.body());
        assertEquals("after", refused.json().get("param").asText());
        assertEquals(400, feed(Map.of("after", cursor.substring(0, cursor.length() - 2))).status());

        // the merchant's own cursor is not the live feed's, nor another merchant's
        var live = feed(merchant, Mode.LIVE, Map.of("after", cursor));
        assertEquals(400, live.status(), live.body());
        TestMerchants.Credentials other = TestMerchants.fresh();
        assertEquals(400, feed(other, Mode.SANDBOX, Map.of("after", cursor)).status());
        assertEquals(200, feed(Map.of("after", cursor)).status());
    }

    @Test
    void anotherMerchantsOrModesEventsNeverShowAndTheirIdsAreNotFound() {
        TestMerchants.Credentials other = TestMerchants.fresh();
        EventEnvelope mine = logged(EventType.PAYMENT_INTENT_CREATED);
        EventEnvelope theirs = logged(other, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED, CLOCK.instant());
        EventEnvelope myLive = logged(merchant, Mode.LIVE, EventType.PAYMENT_INTENT_CREATED, CLOCK.instant());
        settled();
        assertEquals(List.of(mine.id()), ids(feed(Map.of())));
        assertEquals(List.of(myLive.id()), ids(feed(merchant, Mode.LIVE, Map.of())));
        assertEquals(List.of(theirs.id()), ids(feed(other, Mode.SANDBOX, Map.of())));

        for (String id : List.of(theirs.id(), myLive.id(), Ids.next(Ids.EVENT), "evt_short")) {
            var notFound = feed(Map.of("after", id));
            assertEquals(404, notFound.status(), id + ": " + notFound.body());
            assertEquals("not_found", notFound.json().get("code").asText());
            assertEquals("after", notFound.json().get("param").asText());
            var v1NotFound = v1(Map.of("starting_after", id));
            assertEquals(404, v1NotFound.status());
            assertEquals("starting_after", v1NotFound.json().get("param").asText());
        }
        assertEquals(401, function.handle(ApiGatewayEvents.get("/events")).status());
        assertEquals(401, function.handle(ApiGatewayEvents.get("/api/v1/events")).status());
    }

    @Test
    void eventsAreKeptThirtyDays() {
        EventEnvelope old = logged(EventType.PAYMENT_INTENT_CREATED);
        CLOCK.advance(Duration.ofDays(29));
        EventEnvelope recent = logged(EventType.PAYMENT_INTENT_SUCCESSFUL);
        settled();
        assertEquals(List.of(old.id(), recent.id()), ids(feed(Map.of())));
        CLOCK.advance(Duration.ofDays(1));
        // expired, even though DynamoDB's TTL has not deleted it yet
        assertEquals(List.of(recent.id()), ids(feed(Map.of())));
        assertEquals(404, feed(Map.of("after", old.id())).status());
        assertNotNull(function.context().getBean(DeliveryLog.class).event(old.id()).orElse(null), "still stored");
    }

    @Test
    void aPageStopsBeforeFourMebibytesOfBodies() {
        // eleven events of ~390 KB (DynamoDB's item limit is 400 KB): a page of 20 would not fit Lambda's 6 MB answer
        List<String> expected = new ArrayList<>();
        String padding = "x".repeat(390_000);
        for (int i = 0; i < 11; i++) {
            String id = Ids.next(Ids.EVENT);
            String intentId = Ids.next(Ids.INTENT);
            String body = "{\"id\":\"" + id + "\",\"type\":\"payment_intent.created\",\"createdAt\":\""
                    + Timestamps.format(CLOCK.instant()) + "\",\"mode\":\"sandbox\",\"merchantId\":\""
                    + merchant.merchantId() + "\",\"data\":{\"id\":\"" + intentId + "\",\"description\":\"" + padding + "\"}}";
            function.context().getBean(DeliveryLog.class).recordEvent(new EventEnvelope(id,
                    EventType.PAYMENT_INTENT_CREATED, merchant.merchantId(), Mode.SANDBOX, intentId, CLOCK.instant(), body));
            CLOCK.advance(Duration.ofMillis(1));
            expected.add(id);
        }
        settled();
        var first = feed(Map.of());
        assertEquals(200, first.status());
        assertTrue(first.body().length() < 4.5 * 1024 * 1024, "page of " + first.body().length() + " bytes");
        assertTrue(first.json().get("hasMore").asBoolean());
        List<String> read = new ArrayList<>(ids(first));
        assertEquals(10, read.size(), "as many as fit in 4 MiB");
        var second = feed(Map.of("after", first.json().get("nextCursor").asText()));
        read.addAll(ids(second));
        assertFalse(second.json().get("hasMore").asBoolean());
        assertEquals(expected, read);
    }

    @Test
    void v1RefusesEndingBefore() {
        EventEnvelope event = logged(EventType.PAYMENT_INTENT_CREATED);
        settled();
        var refused = v1(Map.of("ending_before", event.id()));
        assertEquals(400, refused.status(), refused.body());
        assertEquals("ending_before", refused.json().get("param").asText());
        assertNull(refused.json().get("data"));
    }
}
