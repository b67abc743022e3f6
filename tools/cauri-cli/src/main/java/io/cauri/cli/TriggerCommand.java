package io.cauri.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code cauri trigger <event>}: creates a sandbox intent and drives it, through the public API as a shop and its
 * payer would, to the state whose event was asked for (README "Collecting the payment: the three sandbox flows" and
 * "Sandbox, coverage and fees": orange's OTP flow, the test numbers ending 00000001 (success) and 00000002
 * (insufficient funds)). Then it waits for the event in the intent's events and prints its id.
 */
@Command(name = "trigger", mixinStandardHelpOptions = true,
        description = "Produce an event in the sandbox: create an intent and drive it there.")
final class TriggerCommand extends ApiCommand {
    private static final String SUCCESS_NUMBER = "00000001";
    private static final String INSUFFICIENT_FUNDS_NUMBER = "00000002";

    /** The sandbox steps that produce each event type (names as docs/CONTRACT.md §5 and the README's table). */
    enum Recipe { CREATE, ATTEMPT, SUCCEED, FAIL, CANCEL }

    static final Map<String, Recipe> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("payment_intent.created", Recipe.CREATE);
        EVENTS.put("payment_intent.processing", Recipe.ATTEMPT);
        EVENTS.put("payment.processing", Recipe.ATTEMPT);
        EVENTS.put("payment_intent.action_required", Recipe.ATTEMPT);
        EVENTS.put("payment.action_required", Recipe.ATTEMPT);
        EVENTS.put("payment_intent.successful", Recipe.SUCCEED);
        EVENTS.put("payment.successful", Recipe.SUCCEED);
        EVENTS.put("payment_intent.payment_failed", Recipe.FAIL);
        EVENTS.put("payment.failed", Recipe.FAIL);
        EVENTS.put("payment_intent.canceled", Recipe.CANCEL);
    }

    /** For picocli's ${COMPLETION-CANDIDATES} in the help. */
    static final class EventNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return EVENTS.keySet().iterator();
        }
    }

    @Parameters(index = "0", paramLabel = "EVENT", completionCandidates = EventNames.class,
            description = "The event type to produce: ${COMPLETION-CANDIDATES}.")
    String event;

    @Option(names = "--amount", defaultValue = "1000", paramLabel = "MINOR_UNITS",
            description = "The intent's amount in minor units (default: ${DEFAULT-VALUE}).")
    long amount;

    @Option(names = "--currency", defaultValue = "XOF", paramLabel = "CURRENCY",
            description = "XOF (default, paid in CI), XAF (CM) or GNF (GN).")
    String currency;

    @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for the event to be logged (0: do not wait; default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Override
    public Integer call() {
        Recipe recipe = EVENTS.get(event);
        if (recipe == null) {
            throw new CliFailure(Cauri.EXIT_USAGE, "cannot trigger " + event + "; these can be: " + String.join(", ", EVENTS.keySet()));
        }
        String country = switch (currency) {
            case "XOF" -> "CI";
            case "XAF" -> "CM";
            case "GNF" -> "GN";
            default -> throw new CliFailure(Cauri.EXIT_USAGE, "--currency must be XOF, XAF or GNF, not " + currency);
        };
        if (waitSeconds < 0 || waitSeconds > 600) {
            throw new CliFailure(Cauri.EXIT_USAGE, "--wait must be from 0 to 600 seconds");
        }
        Api api = cauri().api();
        if (!"sandbox".equals(api.credentials().env())) {
            throw new CliFailure(Cauri.EXIT_USAGE, "trigger drives the sandbox's test numbers: use --env sandbox");
        }

        ObjectNode create = Json.object();
        create.put("customerReference", "cauri_cli");
        create.put("purchaseReference", "trigger_" + Instant.now().toEpochMilli());
        create.put("amount", amount);
        create.put("currency", currency);
        JsonNode intent = api.postJson("/payment-intents", create);
        String id = intent.path("id").asText();
        String token = intent.path("token").asText();
        say("Created " + id + " (" + amount + " " + currency + "): " + intent.path("status").asText());

        switch (recipe) {
            case CREATE -> { }
            case CANCEL -> {
                JsonNode canceled = api.postJson("/api/v1/payment-intents/" + Api.segment(id) + "/cancel", null);
                say("Canceled: " + canceled.path("status").asText());
            }
            case ATTEMPT -> attempt(api, id, token, country, SUCCESS_NUMBER);
            case SUCCEED -> {
                JsonNode attempted = attempt(api, id, token, country, SUCCESS_NUMBER);
                if ("action_required".equals(attempted.path("status").asText())) {
                    authenticate(api, id, token);
                }
            }
            case FAIL -> {
                JsonNode attempted = attempt(api, id, token, country, INSUFFICIENT_FUNDS_NUMBER);
                if ("action_required".equals(attempted.path("status").asText())) {
                    authenticate(api, id, token);
                }
            }
        }
        if (waitSeconds == 0) {
            say("Done: " + event + " for " + id + " (not waited for; see cauri events list)");
            return 0;
        }
        String eventId = awaitEvent(api, id, Duration.ofSeconds(waitSeconds));
        if (eventId == null) {
            throw new CliFailure(Cauri.EXIT_API, "the intent " + id + " reached its state, but no " + event
                    + " event was logged within " + waitSeconds + " s");
        }
        say("Triggered " + event + ": " + eventId + " (" + id + ")");
        return 0;
    }

    /** An orange attempt with only the intent's token, as the payer's app makes it. */
    private JsonNode attempt(Api api, String id, String token, String country, String msisdn) {
        ObjectNode body = Json.object();
        body.put("token", token);
        body.put("paymentMethod", "mobile_money");
        body.put("country", country);
        body.put("provider", "orange");
        body.putObject("mobileMoney").put("msisdn", msisdn);
        JsonNode attempted = api.postJson("/payment-intents/" + Api.segment(id) + "/payments", body);
        String status = attempted.path("status").asText();
        JsonNode next = attempted.path("nextAction");
        say("Attempted orange " + msisdn + " (" + country + "): " + status
                + (next.isObject() ? " (" + next.path("type").asText() + ")" : "")
                + (attempted.path("lastPaymentFailure").isObject()
                        ? " — " + attempted.path("lastPaymentFailure").path("code").asText() : ""));
        return attempted;
    }

    /** The OTP step: any 4 digits pass in the sandbox; the number decides the outcome. */
    private void authenticate(Api api, String id, String token) {
        ObjectNode body = Json.object();
        body.put("token", token);
        body.put("confirmationCode", "1234");
        JsonNode authenticated = api.postJson("/payment-intents/" + Api.segment(id) + "/authentication", body);
        say("Authenticated with 1234: " + authenticated.path("status").asText()
                + (authenticated.path("lastPaymentFailure").isObject()
                        ? " — " + authenticated.path("lastPaymentFailure").path("code").asText() : ""));
    }

    /** The id of the intent's event of the asked type, once logged (the stream publisher logs it), or null. */
    private String awaitEvent(Api api, String id, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            for (JsonNode e : api.getJson("/payment-intents/" + Api.segment(id) + "/events")) {
                if (event.equals(e.path("type").asText())) {
                    return e.path("id").asText();
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return null;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Api.Interrupted();
            }
        }
    }
}
