package io.cauri.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples people copy validate against the document, with a JSON-schema validator: every API Gateway
 * event of events/ (its route, its query parameters, and — for the samples answered 2xx — its body), every
 * JSON body of README.md's curl examples, and the document's own named examples.
 */
class OpenApiSamplesTest {

    private static final Path EVENTS = Path.of("..", "events");
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern EXPECTED_STATUS = Pattern.compile(".*-(\\d{3})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();

    /** An HTTP sample: where it came from, its route, its query and body, and whether it must be valid. */
    record Sample(String source, String method, String pathTemplate, String rawQuery, String body, boolean mustBeValid) {
    }

    static List<Sample> eventSamples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EVENTS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode event = JSON.readTree(file.toFile());
                String routeKey = event.path("routeKey").asText("");
                if (!event.path("requestContext").has("http") || routeKey.isEmpty()) {
                    continue; // a stream or queue batch, not an HTTP request
                }
                Matcher status = EXPECTED_STATUS.matcher(file.getFileName().toString());
                assertTrue(status.matches(), file + " is named without its expected status");
                String[] route = routeKey.split(" ", 2);
                String body = event.path("body").isNull() ? null : event.path("body").asText(null);
                samples.add(new Sample(EVENTS.relativize(file).toString(), route[0], route[1],
                        event.path("rawQueryString").asText(""), body, status.group(1).startsWith("2")));
            }
        }
        return samples;
    }

    @TestFactory
    Stream<DynamicTest> everyHttpSampleOfEventsValidates() throws IOException {
        List<Sample> samples = eventSamples();
        assertTrue(samples.size() >= 35, "HTTP samples found in events/: " + samples.size());
        return samples.stream().map(s -> DynamicTest.dynamicTest(s.source(), () -> check(s)));
    }

    @TestFactory
    Stream<DynamicTest> everyCurlExampleOfTheReadmeValidates() throws IOException {
        List<Sample> samples = readmeSamples(Files.readString(README));
        assertTrue(samples.stream().filter(s -> s.body() != null).count() >= 8,
                "README curl examples with a JSON body: " + samples);
        return samples.stream().map(s -> DynamicTest.dynamicTest(s.source(), () -> check(s)));
    }

    @TestFactory
    Stream<DynamicTest> everyNamedExampleOfTheDocumentValidatesWhereItIsUsed() {
        var uses = DOCUMENT.exampleUses();
        assertTrue(uses.size() >= 15, "example uses: " + uses);
        JsonNode examples = DOCUMENT.root().path("components").path("examples");
        return uses.stream().map(use -> DynamicTest.dynamicTest(use.getValue() + " at " + use.getKey(), () -> {
            assertTrue(examples.has(use.getValue()), "no #/components/examples/" + use.getValue());
            Set<ValidationMessage> errors = DOCUMENT.schemaAt(use.getKey()).validate(examples.path(use.getValue()).path("value"));
            assertEquals(Set.of(), errors);
        }));
    }

    /** README's error table names every code of the catalogue, so a client reading it knows each one. */
    @Test
    void theReadmeErrorTableListsEveryErrorCode() throws IOException, IllegalAccessException {
        String readme = Files.readString(README);
        int start = readme.indexOf("| status | when | codes |");
        assertTrue(start >= 0, "README has its error table");
        int end = readme.indexOf("\n\n", start);
        String table = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> missing = new ArrayList<>();
        for (java.lang.reflect.Field field : io.cauri.web.error.ErrorCode.class.getFields()) {
            if (field.getType() == String.class && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                String code = (String) field.get(null);
                if (!table.contains("`" + code + "`")) {
                    missing.add(code);
                }
            }
        }
        assertEquals(List.of(), missing, "ErrorCode values missing from README's error table");
    }

    /** The validator is no rubber stamp: the document's own schemas reject what the functions reject. */
    @Test
    void invalidBodiesAreRejected() throws IOException {
        var create = DOCUMENT.requestSchema("POST", "/payment-intents").orElseThrow();
        assertEquals(Set.of(), create.validate(JSON.readTree(
                "{\"customerReference\":\"c\",\"purchaseReference\":\"p\",\"amount\":1,\"currency\":\"XOF\"}")));
        assertFalse(create.validate(JSON.readTree(
                "{\"customerReference\":\"c\",\"purchaseReference\":\"p\",\"amount\":1.5,\"currency\":\"XOF\"}")).isEmpty());
        assertFalse(create.validate(JSON.readTree("{\"purchaseReference\":\"p\",\"amount\":1,\"currency\":\"XOF\"}")).isEmpty());
        assertFalse(create.validate(JSON.readTree(
                "{\"customerReference\":\"c\",\"purchaseReference\":\"p\",\"amount\":1,\"currency\":\"EUR\"}")).isEmpty());
        var v1 = DOCUMENT.requestSchema("POST", "/api/v1/payment-intents").orElseThrow();
        assertFalse(v1.validate(JSON.readTree("{\"amount\":100,\"currency\":\"XOF\",\"transactionCountry\":\"SN\"}")).isEmpty(),
                "v1 is snake_case");
        var intent = DOCUMENT.schemaAt("/components/schemas/V1PaymentIntent");
        assertFalse(intent.validate(JSON.readTree("{\"id\":\"pi_1\"}")).isEmpty());
        var error = DOCUMENT.schemaAt("/components/schemas/ApiError");
        assertEquals(Set.of(), error.validate(JSON.readTree(
                "{\"status\":400,\"code\":\"invalid_parameter\",\"message\":\"m\",\"request_id\":\"req_1\",\"param\":\"amount\"}")));
        assertFalse(error.validate(JSON.readTree("{\"status\":400,\"message\":\"m\"}")).isEmpty());
    }

    private static void check(Sample s) throws IOException {
        assertTrue(DOCUMENT.operation(s.method(), s.pathTemplate()).isPresent(),
                s.method() + " " + s.pathTemplate() + " is not in the document");
        Set<String> declared = DOCUMENT.queryParameters(s.method(), s.pathTemplate());
        for (String pair : s.rawQuery().isEmpty() ? new String[0] : s.rawQuery().split("&")) {
            String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
            assertTrue(declared.contains(name), "query parameter " + name + " is not declared; declared: " + declared);
        }
        var schema = DOCUMENT.requestSchema(s.method(), s.pathTemplate());
        boolean hasBody = s.body() != null && !s.body().isBlank();
        if (!s.mustBeValid()) {
            return; // an error sample: its body may be wrong on purpose, and the route and query were checked above
        }
        if (DOCUMENT.requestBodyRequired(s.method(), s.pathTemplate())) {
            assertTrue(hasBody, "the document requires a body, the sample has none");
        }
        if (hasBody) {
            assertTrue(schema.isPresent(), "the sample sends a body, the document describes none");
            Set<ValidationMessage> errors = schema.get().validate(JSON.readTree(s.body()));
            assertEquals(Set.of(), errors, s.body());
        }
    }

    /**
     * The curl commands of README.md's shell blocks: continuation lines joined, shell quoting of the
     * {@code -d '…'} body undone ({@code '"'$TOKEN'"'} splices), placeholders like {@code $ID} or {@code pi_…}
     * standing for path parameters.
     */
    static List<Sample> readmeSamples(String readme) {
        List<Sample> samples = new ArrayList<>();
        List<String> lines = readme.lines().toList();
        boolean inBlock = false;
        boolean inShell = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                inShell = !inBlock && (line.equals("```sh") || line.equals("```bash") || line.equals("```"));
                inBlock = !inBlock;
                continue;
            }
            if (!inShell || !line.startsWith("curl ")) {
                continue;
            }
            int first = i;
            StringBuilder command = new StringBuilder(line);
            while (i + 1 < lines.size() && (command.toString().endsWith("\\") || quotesOpen(command.toString()))) {
                if (command.toString().endsWith("\\")) {
                    command.setLength(command.length() - 1);
                }
                command.append(' ').append(lines.get(++i).strip());
            }
            Sample sample = curl("README.md:" + (first + 1), command.toString());
            if (sample != null) {
                samples.add(sample);
            }
        }
        return samples;
    }

    private static boolean quotesOpen(String s) {
        return s.chars().filter(c -> c == '\'').count() % 2 == 1;
    }

    private static final Pattern URL = Pattern.compile("\"?(?:\\$BASE|http://127\\.0\\.0\\.1:3000)(/[^\\s\"]*)\"?");
    private static final Pattern METHOD = Pattern.compile("-X\\s+([A-Z]+)");
    private static final Pattern BODY = Pattern.compile("-d\\s+'([^']*)'");

    private static Sample curl(String source, String command) {
        String spliced = command.replaceAll("'\"?\\$(\\w+)\"?'", "$1"); // '…"'$TOKEN'"…' → …"TOKEN"…
        Matcher url = URL.matcher(spliced);
        if (!url.find()) {
            return null;
        }
        String[] pathAndQuery = url.group(1).split("\\?", 2);
        Matcher body = BODY.matcher(spliced);
        String bodyText = body.find() ? body.group(1) : null;
        Matcher method = METHOD.matcher(spliced);
        String verb = method.find() ? method.group(1) : bodyText != null ? "POST" : "GET";
        String template = DOCUMENT.templateOf(verb, pathAndQuery[0])
                .orElseThrow(() -> new AssertionError(source + ": " + verb + " " + pathAndQuery[0] + " is not in the document"));
        return new Sample(source + " " + verb + " " + template, verb, template,
                pathAndQuery.length > 1 ? pathAndQuery[1] : "", bodyText, true);
    }
}
