package io.cauri.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cauri intents list|get}: your payment intents, read as your server reads them (HUB2 family). */
@Command(name = "intents", mixinStandardHelpOptions = true, description = "List or read your payment intents.",
        subcommands = {IntentsCommand.List.class, IntentsCommand.Get.class})
final class IntentsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "intents needs list or get");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Your intents, newest first (this month by default): one line each.")
    static final class List extends ApiCommand {
        @Option(names = "--per-page", defaultValue = "10", paramLabel = "N", description = "1 to 100 (default: ${DEFAULT-VALUE}).")
        int perPage;

        @Option(names = "--page", defaultValue = "1", paramLabel = "N", description = "From 1 (default: ${DEFAULT-VALUE}).")
        int page;

        @Option(names = "--customer-reference", paramLabel = "REF")
        String customerReference;

        @Option(names = "--purchase-reference", paramLabel = "REF")
        String purchaseReference;

        @Option(names = "--from", paramLabel = "ISO-8601", description = "Default: the 1st of this month (UTC).")
        String from;

        @Option(names = "--to", paramLabel = "ISO-8601", description = "Default: now.")
        String to;

        @Option(names = "--json", description = "Print the API's answer as it came.")
        boolean json;

        @Override
        public Integer call() {
            // the API checks every value (400 naming the parameter): nothing is validated twice here
            StringBuilder query = new StringBuilder("/payment-intents?perPage=").append(perPage).append("&page=").append(page);
            append(query, "customerReference", customerReference);
            append(query, "purchaseReference", purchaseReference);
            append(query, "from", from);
            append(query, "to", to);
            String body = cauri().api().get(query.toString());
            if (json) {
                say(body);
                return 0;
            }
            JsonNode intents = Json.read(body);
            if (intents.isEmpty()) {
                say("No intents" + (page > 1 ? " on page " + page : "") + ".");
            }
            for (JsonNode i : intents) {
                say(String.format("%-30s %-16s %10d %s  %s  %s", i.path("id").asText(), i.path("status").asText(),
                        i.path("amount").asLong(), i.path("currency").asText(), i.path("createdAt").asText(),
                        i.path("purchaseReference").asText()));
            }
            return 0;
        }

        private static void append(StringBuilder query, String name, String value) {
            if (value != null) {
                query.append('&').append(name).append('=').append(Api.encode(value));
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "One intent, as the API shows it (JSON).")
    static final class Get extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The intent's id (pi_…).")
        String id;

        @Override
        public Integer call() {
            say(Json.pretty(cauri().api().getJson("/payment-intents/" + Api.segment(id))));
            return 0;
        }
    }
}
