package io.cauri.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cauri events list|resend}: the events feed ({@code GET /events}) one page at a time, and
 * {@code POST /events/{id}/resend}, which queues an event again to your endpoints subscribed to its type.
 */
@Command(name = "events", mixinStandardHelpOptions = true, description = "List your events, or resend one to your webhook endpoints.",
        subcommands = {EventsCommand.List.class, EventsCommand.Resend.class})
final class EventsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "events needs list or resend");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One page of your events feed, oldest first (last 30 days), then the cursor to read on from.")
    static final class List extends ApiCommand {
        @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "1 to 100 (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--after", paramLabel = "CURSOR", description = "An event id or a cursor printed by a previous page.")
        String after;

        @Option(names = "--events", split = ",", paramLabel = "TYPE", description = "Only these types, comma-separated.")
        java.util.List<String> types;

        @Option(names = "--json", description = "Print the API's answer as it came.")
        boolean json;

        @Override
        public Integer call() {
            StringBuilder query = new StringBuilder("/events?limit=").append(limit);
            if (types != null && !types.isEmpty()) {
                query.append("&type=").append(Api.encode(String.join(",", types)));
            }
            if (after != null) {
                query.append("&after=").append(Api.encode(after));
            }
            String body = cauri().api().get(query.toString());
            if (json) {
                say(body);
                return 0;
            }
            Json.FeedPage page = Json.feedPage(body);
            for (String text : page.events()) {
                JsonNode e = Json.read(text);
                say(String.format("%s  %-32s %s  %s", e.path("createdAt").asText(), e.path("type").asText(),
                        e.path("id").asText(), e.path("data").path("id").asText()));
            }
            if (page.nextCursor() != null) {
                say((page.hasMore() ? "More: " : "End of the feed for now; later: ") + "cauri events list --after " + page.nextCursor());
            }
            return 0;
        }
    }

    @Command(name = "resend", mixinStandardHelpOptions = true,
            description = "Queue an event again to every enabled endpoint subscribed to its type.")
    static final class Resend extends ApiCommand {
        @Parameters(index = "0", paramLabel = "EVENT_ID", description = "The event's id (evt_…).")
        String id;

        @Override
        public Integer call() {
            JsonNode resent = cauri().api().postJson("/events/" + Api.segment(id) + "/resend", null);
            JsonNode deliveries = resent.path("deliveries");
            if (deliveries.isEmpty()) {
                say("Resent " + id + ": no enabled endpoint is subscribed to it (see cauri listen for a local one).");
            }
            for (JsonNode d : deliveries) {
                say("Resent " + id + " to " + d.path("webhookId").asText() + ": " + d.path("outcome").asText());
            }
            return 0;
        }
    }
}
