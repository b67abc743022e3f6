package io.cauri.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.webhook.WebhookSecret;
import io.cauri.webhook.WebhookSignatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code cauri listen --forward-to URL}: follows the merchant's events feed ({@code GET /events}, README "Webhooks")
 * from now on and POSTs each event to a local URL as a real delivery would: the same body, the same headers
 * ({@code Hub2-Signature}, {@code webhook-id}/{@code -timestamp}/{@code -signature}, {@code Cauri-Correlation-Id}),
 * signed by the repository's own signer with a local secret. No tunnel: the API is only read; the local receiver is
 * called from this machine. The secret is generated on the first run and kept in the configuration, so a receiver
 * set up with it keeps working run after run.
 * <p>
 * The feed shows an event once it has settled (30 s by default, {@code cauri.events.feed-settle}); a local-api
 * started with {@code -Dcauri.events.feed-settle=1s} makes the loop about that fast.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Follow your events and forward each one, signed with a local secret, to a local URL.",
                "Prints one line per event with your endpoint's answer. Ctrl-C stops."})
final class ListenCommand extends ApiCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /** What a real delivery allows an endpoint (README "Webhooks": any 2xx within 10 seconds). */
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);
    /** How many event ids are remembered to skip a repeat of the feed (docs/CONTRACT.md §5: de-duplicate on id). */
    static final int REMEMBERED_IDS = 10_000;

    @Option(names = "--forward-to", required = true, paramLabel = "URL",
            description = "Your local webhook endpoint, e.g. http://localhost:4242/webhooks/cauri")
    String forwardTo;

    @Option(names = "--events", split = ",", paramLabel = "TYPE",
            description = "Only these event types, comma-separated (default: all), e.g. payment_intent.successful,payment_intent.payment_failed")
    List<String> events;

    @Option(names = "--poll-interval", paramLabel = "MILLIS", defaultValue = "1000",
            description = "How long to wait when the feed has nothing new (default: ${DEFAULT-VALUE} ms).")
    long pollMillis;

    @Override
    public Integer call() {
        URI target = target();
        if (pollMillis < 100 || pollMillis > 60_000) {
            throw new CliFailure(Cauri.EXIT_USAGE, "--poll-interval must be from 100 to 60000 ms");
        }
        Cauri cauri = cauri();
        Config config = cauri.config();
        Config.Credentials credentials = config.credentials(cauri.profile(), cauri.env());
        WebhookSecret secret;
        if (credentials.listenSecret() != null) {
            secret = new WebhookSecret(credentials.listenSecret());
        } else {
            secret = WebhookSecret.generate();
            config.storeListenSecret(credentials.profile(), credentials.env(), secret.value());
        }
        Api api = new Api(credentials, cauri.http());
        HttpClient forwarder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

        RecentIds seen = new RecentIds(REMEMBERED_IDS);
        String cursor = catchUp(api, seen); // from now on: what happened before is in `cauri events list`
        say("Ready! Forwarding " + credentials.env() + " events of " + credentials.merchantId() + " ("
                + (events == null ? "all types" : String.join(",", events)) + ") to " + target);
        say("Your local webhook signing secret is " + secret.value() + " (^C to quit)");
        try {
            long backoff = 0;
            while (!Thread.currentThread().isInterrupted()) {
                Json.FeedPage page;
                try {
                    page = Json.feedPage(api.get(feedQuery(cursor)));
                    backoff = 0;
                } catch (CliFailure failure) {
                    if (!passing(failure)) {
                        throw failure;
                    }
                    // a listener outlives a restart of local-api or a blip of the network: say so, wait, go on
                    backoff = Math.min(backoff == 0 ? 1000 : backoff * 2, 16_000);
                    err().println(failure.getMessage() + " — retrying in " + backoff / 1000 + " s");
                    err().flush();
                    Thread.sleep(backoff);
                    continue;
                }
                for (String event : page.events()) {
                    // the feed may hand an event again (a page read twice across a retry, an event re-listed): the
                    // endpoint gets it once, as the feed's consumers are to de-duplicate on id (docs/CONTRACT.md §5)
                    if (seen.firstTime(Json.read(event).path("id").asText())) {
                        forward(forwarder, target, event, secret);
                    }
                }
                if (page.nextCursor() != null) {
                    cursor = page.nextCursor();
                }
                if (!page.hasMore()) {
                    Thread.sleep(pollMillis);
                }
            }
        } catch (InterruptedException | Api.Interrupted stopped) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** No answer, the API's own failure (5xx) or a rate limit: worth waiting for. A refusal (401, 400) is not. */
    private static boolean passing(CliFailure failure) {
        if (failure instanceof ApiError error) {
            return error.status() >= 500 || error.status() == 429;
        }
        return failure.exitCode() == Cauri.EXIT_UNREACHABLE;
    }

    private URI target() {
        try {
            URI uri = URI.create(forwardTo);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new CliFailure(Cauri.EXIT_USAGE, "--forward-to must be an http(s) URL such as http://localhost:4242/webhooks, not "
                + forwardTo);
    }

    /**
     * Reads the feed to its current end and returns the position there (null: the feed is still empty). The events
     * passed are remembered as seen: one the feed hands again later is not forwarded either.
     */
    private String catchUp(Api api, RecentIds seen) {
        String cursor = null;
        while (true) {
            Json.FeedPage page = Json.feedPage(api.get(feedQuery(cursor)));
            page.events().forEach(event -> seen.firstTime(Json.read(event).path("id").asText()));
            if (page.nextCursor() != null) {
                cursor = page.nextCursor();
            }
            if (!page.hasMore()) {
                return cursor;
            }
        }
    }

    private String feedQuery(String cursor) {
        StringBuilder query = new StringBuilder("/events?limit=100");
        if (events != null && !events.isEmpty()) {
            query.append("&type=").append(Api.encode(String.join(",", events)));
        }
        if (cursor != null) {
            query.append("&after=").append(Api.encode(cursor));
        }
        return query.toString();
    }

    /** One delivery as the dispatcher makes it (WebhookDispatcher): signed now, with the event's correlation id. */
    private void forward(HttpClient forwarder, URI target, String body, WebhookSecret secret) throws InterruptedException {
        JsonNode event = Json.read(body);
        String id = event.path("id").asText();
        String type = event.path("type").asText();
        Map<String, String> headers = WebhookSignatures.sign(id, Instant.now(), body, secret, null);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(FORWARD_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Cauri-Webhooks/1.0 (cauri listen)")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (event.path("correlationId").isTextual()) {
            request.header("Cauri-Correlation-Id", event.get("correlationId").asText());
        }
        String outcome;
        try {
            HttpResponse<Void> response = forwarder.send(request.build(), HttpResponse.BodyHandlers.discarding());
            outcome = "[" + response.statusCode() + "]";
        } catch (HttpConnectTimeoutException | ConnectException e) {
            outcome = "[connection refused]";
        } catch (HttpTimeoutException e) {
            outcome = "[timeout after " + FORWARD_TIMEOUT.toSeconds() + " s]";
        } catch (IOException e) {
            outcome = "[" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "]";
        }
        say(TIME.format(Instant.now()) + "  --> " + type + " [" + id + "]  <-- " + outcome + " POST " + target);
    }
}
