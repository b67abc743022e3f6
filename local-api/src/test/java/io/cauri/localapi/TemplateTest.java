package io.cauri.localapi;

import io.cauri.localaws.LocalDynamoDb;
import io.cauri.store.TableNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * template.yaml checked against the code it deploys, as far as can be without AWS: every function's jar
 * module, handler and routes (against the Micronaut controllers in that module's sources), every reference
 * between resources, the tables against {@link io.cauri.store.TableDefinitions} (created in DynamoDB Local),
 * each function's permissions against what its configuration names, its event sources, and the absence of
 * dependency cycles (CloudFormation refuses a template with one, after SAM's transform has added its own
 * references).
 */
class TemplateTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** lambda-support's ApiGatewayHandler: Micronaut's API Gateway v2 handler behind the checks it does not make. */
    private static final String MICRONAUT_HANDLER = "io.cauri.lambda.ApiGatewayHandler";
    private static final Pattern CODE_URI = Pattern.compile("functions/([a-z0-9-]+)/target/([a-z0-9-]+)\\.jar");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9:]+)(?:\\.([A-Za-z0-9.]+))?}");
    private static final Pattern INDEX_ARN = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}/index/([A-Za-z0-9_.-]+)");

    static Map<String, Object> root;
    static Map<String, Object> resources;
    static Map<String, Object> globals;
    static LocalDynamoDb dynamo;

    @BeforeAll
    static void load() throws Exception {
        try (Reader reader = Files.newBufferedReader(REPO.resolve("template.yaml"), StandardCharsets.UTF_8)) {
            root = map(new Yaml(new IntrinsicConstructor()).load(reader));
        }
        resources = map(root.get("Resources"));
        globals = map(map(root.get("Globals")).get("Function"));
        dynamo = LocalApi.startDynamoDb(null); // the tables of TableDefinitions, as local-api creates them
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    // ---- functions: jar, handler, routes ---------------------------------------------------------------

    @Test
    void everyFunctionIsAModuleOfTheBuildWhoseShadedJarIsItsCodeUri() throws IOException {
        String rootPom = Files.readString(REPO.resolve("pom.xml"));
        assertFalse(functions().isEmpty());
        for (String name : functions().keySet()) {
            Matcher uri = CODE_URI.matcher(String.valueOf(property(name, "CodeUri")));
            assertTrue(uri.matches(), name + ": CodeUri must be functions/<module>/target/<module>.jar");
            String module = uri.group(1);
            assertEquals(module, uri.group(2), name + ": the shade plugin names the jar after the artifactId");
            Path pom = REPO.resolve("functions").resolve(module).resolve("pom.xml");
            assertTrue(Files.exists(pom), name + ": no module " + module);
            String text = Files.readString(pom);
            assertTrue(text.contains("<artifactId>" + module + "</artifactId>"), name + ": artifactId of " + pom);
            assertTrue(text.contains("<artifactId>cauri-functions</artifactId>"),
                    name + ": " + module + " must inherit cauri-functions (API proxy handler, shade with finalName)");
            assertTrue(rootPom.contains("<module>functions/" + module + "</module>"), module + " is not built by the root pom");
        }
    }

    @Test
    void everyHandlerIsTheMicronautAdapterForHttpFunctionsOrAClassOfTheirModule() throws IOException {
        for (String name : functions().keySet()) {
            String handler = String.valueOf(property(name, "Handler"));
            String module = module(name);
            boolean http = !events(name, "HttpApi").isEmpty();
            if (http) {
                assertEquals(MICRONAUT_HANDLER, handler, name + " is called by the HTTP API");
                assertFalse(controllerRoutes(module).isEmpty(), name + ": " + module + " has no controller");
            } else {
                assertFalse(handler.startsWith("io.micronaut."), name + " has no HTTP route: it needs its own handler");
                Path source = REPO.resolve("functions").resolve(module).resolve("src/main/java")
                        .resolve(handler.split("::")[0].replace('.', '/') + ".java");
                assertTrue(Files.exists(source), name + ": handler " + handler + " is not a class of " + module);
                assertTrue(Files.readString(source).contains("extends MicronautRequestHandler<"),
                        name + ": " + handler + " must be a RequestHandler (MicronautRequestHandler)");
            }
            // After `package`, the jar itself must hold the handler (the full build packages before local-api's tests).
            Path jar = REPO.resolve(String.valueOf(property(name, "CodeUri")));
            if (Files.exists(jar)) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    assertNotNull(zip.getEntry(handler.split("::")[0].replace('.', '/') + ".class"),
                            name + ": " + jar + " has no " + handler);
                }
            }
        }
    }

    @Test
    void theHttpApiRoutesAreExactlyTheControllerRoutesOfEachJar() throws IOException {
        Map<String, Set<String>> templateRoutesByModule = new LinkedHashMap<>();
        Map<String, Set<String>> preflights = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String name : functions().keySet()) {
            for (Map<String, Object> event : events(name, "HttpApi")) {
                Map<String, Object> p = map(event.get("Properties"));
                assertEquals("HttpApi", ref(p.get("ApiId")), name + ": every route is on the HttpApi");
                String route = String.valueOf(p.get("Method")).toUpperCase() + " " + p.get("Path");
                assertTrue(seen.add(route), "route " + route + " is declared twice");
                if (route.startsWith("OPTIONS ")) {
                    preflights.computeIfAbsent(module(name), m -> new TreeSet<>()).add(String.valueOf(p.get("Path")));
                    continue; // a CORS preflight, answered by the function's filter, not by a controller
                }
                templateRoutesByModule.computeIfAbsent(module(name), m -> new TreeSet<>()).add(route);
            }
        }
        assertEquals("AWS::Serverless::HttpApi", type("HttpApi"));
        Set<String> modules = new TreeSet<>();
        functions().keySet().forEach(f -> modules.add(module(f)));
        for (String module : modules) {
            Set<String> controllerRoutes = controllerRoutes(module);
            assertEquals(controllerRoutes, templateRoutesByModule.getOrDefault(module, new TreeSet<>()),
                    "functions/" + module + ": controller routes (left) and template.yaml routes (right) differ");
            for (String path : preflights.getOrDefault(module, Set.of())) {
                assertTrue(controllerRoutes.stream().anyMatch(r -> r.endsWith(" " + path)),
                        "functions/" + module + ": OPTIONS " + path + " is a preflight for a path the function serves");
            }
        }
    }

    // ---- references, dependencies, event sources --------------------------------------------------------

    @Test
    void everyReferenceNamesAResourceParameterOrPseudoParameterAndAnAttributeItHas() {
        Set<String> parameters = map(root.get("Parameters")).keySet();
        List<String> problems = new ArrayList<>();
        forEachReference(root, (target, attribute) -> {
            if (target.startsWith("AWS::")) {
                return;
            }
            if (attribute == null && parameters.contains(target)) {
                return;
            }
            if (!resources.containsKey(target)) {
                problems.add("unknown " + target);
                return;
            }
            if (attribute != null && !attributes(type(target)).contains(attribute)) {
                problems.add(target + " (" + type(target) + ") has no attribute " + attribute);
            }
            if ("StreamArn".equals(attribute) && map(properties(target).get("StreamSpecification")).isEmpty()) {
                problems.add(target + " has no stream");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void noDependencyCycleOnceSamHasWiredTheHttpApiToItsFunctions() {
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        Set<String> globalReferences = new LinkedHashSet<>();
        forEachReference(globals, (target, attribute) -> globalReferences.add(target));
        resources.forEach((name, value) -> {
            Set<String> targets = new LinkedHashSet<>();
            Map<String, Object> resource = new LinkedHashMap<>(map(value));
            if ("AWS::Serverless::Function".equals(type(name))) {
                // SAM turns a function's Events into resources of their own (routes in the API's body, permissions,
                // event source mappings) that depend on the function, not the other way round
                Map<String, Object> properties = new LinkedHashMap<>(properties(name));
                properties.remove("Events");
                resource.put("Properties", properties);
            }
            forEachReference(resource, (target, attribute) -> targets.add(target));
            Object dependsOn = map(value).get("DependsOn");
            if (dependsOn instanceof String s) {
                targets.add(s);
            } else if (dependsOn instanceof List<?> list) {
                list.forEach(d -> targets.add(String.valueOf(d)));
            }
            if ("AWS::Serverless::Function".equals(type(name))) {
                targets.addAll(globalReferences); // Globals are merged into every function
                // SAM writes each HttpApi route's integration (the function's alias ARN) into the API's body
                for (Map<String, Object> event : events(name, "HttpApi")) {
                    String api = ref(map(event.get("Properties")).get("ApiId"));
                    edges.computeIfAbsent(api, a -> new LinkedHashSet<>()).add(name);
                }
            }
            targets.removeIf(t -> !resources.containsKey(t));
            edges.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(targets);
        });
        List<String> cycle = findCycle(edges);
        assertEquals(List.of(), cycle, "circular dependency: " + String.join(" -> ", cycle));
    }

    @Test
    void eventSourcesReadExistingStreamsAndQueuesThatOutliveTheFunctionTimeout() {
        int sources = 0;
        for (String name : functions().keySet()) {
            int timeout = ((Number) property(name, "Timeout")).intValue();
            for (Map<String, Object> event : events(name, "SQS")) {
                String queue = getAtt(map(event.get("Properties")).get("Queue"), "Arn");
                assertEquals("AWS::SQS::Queue", type(queue), name);
                Object visibility = properties(queue).get("VisibilityTimeout");
                // CloudFormation rejects an SQS event source whose queue hides messages for less than the timeout
                assertTrue(visibility instanceof Number v && v.intValue() >= timeout,
                        name + ": " + queue + " VisibilityTimeout " + visibility + " < function Timeout " + timeout);
                sources++;
            }
            for (Map<String, Object> event : events(name, "DynamoDB")) {
                Map<String, Object> p = map(event.get("Properties"));
                String table = getAtt(p.get("Stream"), "StreamArn");
                assertEquals("AWS::DynamoDB::Table", type(table), name);
                assertEquals("NEW_AND_OLD_IMAGES", map(properties(table).get("StreamSpecification")).get("StreamViewType"),
                        name + ": the publisher compares old and new images");
                String onFailure = getAtt(map(map(p.get("DestinationConfig")).get("OnFailure")).get("Destination"), "Arn");
                assertTrue(granted(name, "sqs:SendMessage").contains(onFailure),
                        name + ": Lambda sends failed batches to " + onFailure + " with the function's role");
                sources++;
            }
        }
        assertTrue(sources >= 3, "the provider-events queue, the webhook queue and the intents stream");
    }

    /**
     * A message in a dead-letter queue is work that failed every retry (a payment event not applied, a webhook
     * not delivered, a stream record not published): every dead-letter queue has an alarm on its first message.
     */
    @Test
    void everyDeadLetterQueueHasAnAlarmOnItsFirstMessage() {
        Set<String> deadLetterQueues = new java.util.TreeSet<>();
        resources.forEach((name, resource) -> {
            Object redrive = map(map(resource).getOrDefault("Properties", Map.of())).get("RedrivePolicy");
            if (redrive != null) {
                deadLetterQueues.add(getAtt(map(redrive).get("deadLetterTargetArn"), "Arn"));
            }
        });
        assertTrue(deadLetterQueues.contains("ProviderEventsDeadLetterQueue"), deadLetterQueues.toString());
        for (String queue : deadLetterQueues) {
            boolean alarmed = resources.values().stream().map(TemplateTest::map)
                    .filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type")))
                    .map(r -> map(r.get("Properties")))
                    .anyMatch(a -> "AWS/SQS".equals(a.get("Namespace"))
                            && "ApproximateNumberOfMessagesVisible".equals(a.get("MetricName"))
                            && "GreaterThanThreshold".equals(a.get("ComparisonOperator"))
                            && a.get("Threshold") instanceof Number t && t.intValue() == 0
                            && list(a.get("Dimensions")).stream().map(TemplateTest::map)
                                    .anyMatch(d -> "QueueName".equals(d.get("Name"))
                                            && queue.equals(getAtt(d.get("Value"), "QueueName"))));
            assertTrue(alarmed, queue + " has no alarm on ApproximateNumberOfMessagesVisible > 0");
        }
    }

    /**
     * Refund and transfer events come from the ledger table's stream through the same publisher as the intents'
     * (same topic, log and parking queue), and the journal and balance writes of every posting never invoke it:
     * the mapping's filter lets through only the items whose sort key starts with {@code refund#} or
     * {@code transfer#} (store.MoneyOutItems).
     */
    @Test
    void refundAndTransferEventsComeFromTheLedgerStreamFilteredToTheirItems() throws Exception {
        Map<String, Object> ledger = events("StreamPublisherFunction", "DynamoDB").stream()
                .map(e -> map(e.get("Properties")))
                .filter(p -> "LedgerTable".equals(getAtt(p.get("Stream"), "StreamArn")))
                .findFirst().orElseThrow(() -> new AssertionError("no event source on the ledger table's stream"));
        assertEquals(List.of("ReportBatchItemFailures"), list(ledger.get("FunctionResponseTypes")));
        List<Object> filters = list(map(ledger.get("FilterCriteria")).get("Filters"));
        assertEquals(1, filters.size());
        com.fasterxml.jackson.databind.JsonNode pattern = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(String.valueOf(map(filters.get(0)).get("Pattern")));
        List<String> prefixes = new ArrayList<>();
        pattern.at("/dynamodb/Keys/sk/S").forEach(p -> prefixes.add(p.get("prefix").asText()));
        assertEquals(List.of(io.cauri.store.MoneyOutItems.REFUND, io.cauri.store.MoneyOutItems.TRANSFER), prefixes);
        assertEquals("NEW_AND_OLD_IMAGES", map(properties("LedgerTable").get("StreamSpecification")).get("StreamViewType"));
        // the intents' mapping is not filtered: every intent write may change a status
        Map<String, Object> intents = events("StreamPublisherFunction", "DynamoDB").stream()
                .map(e -> map(e.get("Properties")))
                .filter(p -> "IntentsTable".equals(getAtt(p.get("Stream"), "StreamArn"))).findFirst().orElseThrow();
        assertNull(intents.get("FilterCriteria"));
    }

    @Test
    void aPoisonStreamRecordIsParkedByThePublisherItselfAndSkipped() {
        Map<String, Object> env = environment(properties("StreamPublisherFunction"));
        assertEquals("StreamFailuresQueue", resourceOf(env.get("CAURI_EVENTS_FAILURES_QUEUE_URL")).orElse(null),
                "the publisher parks records it can never publish in the stream-failures queue");
        assertTrue(granted("StreamPublisherFunction", "sqs:SendMessage").contains("StreamFailuresQueue"));
        assertEquals("DeliveriesTable", resourceOf(env.get("CAURI_TABLES_DELIVERIES")).orElse(null),
                "events are logged before they are announced (claim check)");
    }

    @Test
    void webhookDeliveriesToDifferentEndpointsDoNotWaitOnEachOther() {
        Map<String, Object> dispatcher = properties("WebhookDispatcherFunction");
        Map<String, Object> env = environment(dispatcher);
        int timeout = ((Number) dispatcher.get("Timeout")).intValue();
        int postTimeout = Integer.parseInt(String.valueOf(env.get("CAURI_WEBHOOKS_TIMEOUT")).replace("s", ""));
        assertTrue(postTimeout * 3 <= timeout, "a POST's timeout is short relative to the batch's invocation: "
                + postTimeout + " s vs " + timeout + " s");
        List<Map<String, Object>> queues = events("WebhookDispatcherFunction", "SQS");
        assertEquals(1, queues.size());
        Map<String, Object> source = map(queues.get(0).get("Properties"));
        assertEquals(List.of("ReportBatchItemFailures"), list(source.get("FunctionResponseTypes")),
                "a message fails alone, not its batch");
        assertTrue(((Number) source.get("BatchSize")).intValue() <= 10, "a hanging endpoint holds a small batch");
        assertEquals(0, ((Number) source.get("MaximumBatchingWindowInSeconds")).intValue(),
                "no wait to fill a batch before delivering");
        assertTrue(env.containsKey("CAURI_WEBHOOKS_ORDER_WAIT"), "the order wait is bounded and configured");
        assertTrue(statements("WebhookDispatcherFunction").stream().anyMatch(s -> list(s.get("Action")).equals(List.of("dynamodb:Query"))
                        && asList(s.get("Resource")).stream().map(TemplateTest::grant)
                        .anyMatch(g -> g != null && "DeliveriesTable".equals(g.resource()) && "byIntent".equals(g.index()))),
                "the dispatcher reads an intent's earlier events to deliver in order");
    }

    // ---- tables ------------------------------------------------------------------------------------------

    /** CAURI_TABLES_RATE_LIMITS → rateLimits: the TableNames component the variable configures (Micronaut's relaxed binding). */
    static String component(String variable) {
        String[] words = variable.substring("CAURI_TABLES_".length()).toLowerCase().split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    @Test
    void tableVariablesNameEveryTableOfTableNamesOnceAndConsistently() {
        Map<String, String> tableOf = tableVariables();
        Set<String> components = Arrays.stream(TableNames.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(components, tableOf.keySet().stream().map(TemplateTest::component)
                .collect(Collectors.toCollection(TreeSet::new)), "one CAURI_TABLES_* variable per TableNames component");
        Set<String> tables = resources.keySet().stream().filter(r -> "AWS::DynamoDB::Table".equals(type(r)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(tables, new TreeSet<>(tableOf.values()), "every table is named to the code, each by one variable");
        assertEquals(tables.size(), new HashSet<>(tableOf.values()).size());
    }

    @Test
    void tablesAgreeWithTableDefinitions() throws Exception {
        TableNames names = TableNames.defaults();
        for (Map.Entry<String, String> variable : tableVariables().entrySet()) {
            String component = component(variable.getKey());
            String localName = (String) TableNames.class.getMethod(component).invoke(names);
            String logical = variable.getValue();
            Map<String, Object> p = properties(logical);
            TableDescription local = dynamo.client().describeTable(r -> r.tableName(localName)).table();

            assertEquals("PAY_PER_REQUEST", p.get("BillingMode"), logical);
            assertEquals(keySchema(p.get("KeySchema")),
                    local.keySchema().stream().map(k -> k.attributeName() + " " + k.keyTypeAsString()).toList(), logical);
            assertEquals(new TreeSet<>(list(p.get("AttributeDefinitions")).stream()
                            .map(a -> map(a).get("AttributeName") + " " + map(a).get("AttributeType")).toList()),
                    new TreeSet<>(local.attributeDefinitions().stream()
                            .map(a -> a.attributeName() + " " + a.attributeTypeAsString()).toList()), logical);
            Map<String, String> templateIndexes = new TreeMap<>();
            list(p.get("GlobalSecondaryIndexes")).forEach(i -> templateIndexes.put(String.valueOf(map(i).get("IndexName")),
                    keySchema(map(i).get("KeySchema")) + " " + map(map(i).get("Projection")).get("ProjectionType")));
            Map<String, String> localIndexes = new TreeMap<>();
            local.globalSecondaryIndexes().forEach(i -> localIndexes.put(i.indexName(), i.keySchema().stream()
                    .map(k -> k.attributeName() + " " + k.keyTypeAsString()).toList() + " " + i.projection().projectionTypeAsString()));
            assertEquals(localIndexes, templateIndexes, logical + " indexes");
            Map<String, String> templateLocal = new TreeMap<>();
            list(p.get("LocalSecondaryIndexes")).forEach(i -> templateLocal.put(String.valueOf(map(i).get("IndexName")),
                    keySchema(map(i).get("KeySchema")) + " " + map(map(i).get("Projection")).get("ProjectionType")));
            Map<String, String> localLocal = new TreeMap<>();
            local.localSecondaryIndexes().forEach(i -> localLocal.put(i.indexName(), i.keySchema().stream()
                    .map(k -> k.attributeName() + " " + k.keyTypeAsString()).toList() + " " + i.projection().projectionTypeAsString()));
            assertEquals(localLocal, templateLocal, logical + " local indexes");
            Object streamView = map(p.get("StreamSpecification")).get("StreamViewType");
            assertEquals(local.streamSpecification() == null || !Boolean.TRUE.equals(local.streamSpecification().streamEnabled())
                    ? null : local.streamSpecification().streamViewTypeAsString(), streamView, logical + " stream");
            var ttl = dynamo.client().describeTimeToLive(r -> r.tableName(localName)).timeToLiveDescription();
            assertEquals("ENABLED".equals(ttl.timeToLiveStatusAsString()) ? ttl.attributeName() : null,
                    map(p.get("TimeToLiveSpecification")).get("AttributeName"), logical + " TTL");
        }
    }

    @Test
    void statefulResourcesSayWhatHappensToTheirDataAndKeysLiveAsLongAsWhatTheySeal() {
        Set<String> stateful = Set.of("AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::KMS::Key", "AWS::SecretsManager::Secret");
        for (String name : resources.keySet()) {
            if (stateful.contains(type(name))) {
                Map<String, Object> resource = map(resources.get(name));
                assertTrue(Set.of("Retain", "Delete", "Snapshot").contains(resource.get("DeletionPolicy")), name + " DeletionPolicy");
                assertEquals(resource.get("DeletionPolicy"), resource.get("UpdateReplacePolicy"), name + " UpdateReplacePolicy");
            }
        }
        // a key that seals what a function writes to a retained table must outlive the stack too
        for (String function : functions().keySet()) {
            boolean writesRetained = statements(function).stream()
                    .filter(st -> list(st.get("Action")).stream().anyMatch(a -> String.valueOf(a).equals("dynamodb:PutItem")))
                    .flatMap(st -> asList(st.get("Resource")).stream()).map(TemplateTest::grant)
                    .anyMatch(g -> g != null && "Retain".equals(map(resources.get(g.resource())).get("DeletionPolicy")));
            for (String key : granted(function, "kms:GenerateDataKey")) {
                if (writesRetained) {
                    assertEquals("Retain", map(resources.get(key)).get("DeletionPolicy"),
                            key + " seals what " + function + " keeps in a retained table");
                }
            }
        }
    }

    // ---- permissions -------------------------------------------------------------------------------------

    @Test
    void everyFunctionMayUseWhatItsConfigurationNamesAndNothingElse() {
        List<String> problems = new ArrayList<>();
        for (String name : functions().keySet()) {
            Map<String, String> named = new LinkedHashMap<>(); // resource -> the variable naming it
            environment(globals).forEach((variable, value) -> resourceOf(value).ifPresent(r -> named.put(r, variable)));
            Map<String, String> own = new LinkedHashMap<>();
            environment(properties(name)).forEach((variable, value) -> resourceOf(value).ifPresent(r -> own.put(r, variable)));
            named.putAll(own);
            Set<String> failureDestinations = new HashSet<>();
            for (Map<String, Object> event : events(name, "DynamoDB")) {
                Object destination = map(map(map(event.get("Properties")).get("DestinationConfig")).get("OnFailure")).get("Destination");
                failureDestinations.add(getAtt(destination, "Arn"));
            }

            Set<String> grantedResources = new HashSet<>();
            for (Map<String, Object> statement : statements(name)) {
                assertEquals("Allow", statement.get("Effect"), name);
                List<String> actions = list(statement.get("Action")).stream().map(String::valueOf).toList();
                for (Object resource : asList(statement.get("Resource"))) {
                    Grant grant = grant(resource);
                    if (grant == null) {
                        problems.add(name + ": resource " + resource + " is not a reference to a resource of the template");
                        continue;
                    }
                    grantedResources.add(grant.resource());
                    String expectedPrefix = switch (type(grant.resource())) {
                        case "AWS::DynamoDB::Table" -> "dynamodb:";
                        case "AWS::SQS::Queue" -> "sqs:";
                        case "AWS::SNS::Topic" -> "sns:";
                        case "AWS::KMS::Key" -> "kms:";
                        case "AWS::SecretsManager::Secret" -> "secretsmanager:";
                        default -> "?";
                    };
                    actions.stream().filter(a -> !a.startsWith(expectedPrefix) || a.contains("*"))
                            .forEach(a -> problems.add(name + ": " + a + " on " + grant.resource() + " (" + type(grant.resource()) + ")"));
                    if (grant.index() != null && java.util.stream.Stream.concat(
                                    list(properties(grant.resource()).get("GlobalSecondaryIndexes")).stream(),
                                    list(properties(grant.resource()).get("LocalSecondaryIndexes")).stream())
                            .noneMatch(i -> grant.index().equals(map(i).get("IndexName")))) {
                        problems.add(name + ": " + grant.resource() + " has no index " + grant.index());
                    }
                    if (grant.index() != null && !actions.equals(List.of("dynamodb:Query"))) {
                        problems.add(name + ": an index only serves Query, not " + actions);
                    }
                    if (!named.containsKey(grant.resource()) && !failureDestinations.contains(grant.resource())) {
                        problems.add(name + ": may use " + grant.resource() + ", which its configuration does not name");
                    }
                }
            }
            own.forEach((resource, variable) -> {
                if (!grantedResources.contains(resource)) {
                    problems.add(name + ": " + variable + " names " + resource + " but no statement grants its use");
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void onlyTheWebhookFunctionsReachTheWebhookTablesAndOnlyThePublisherPublishes() {
        for (String name : functions().keySet()) {
            boolean webhooks = name.startsWith("Webhook");
            assertEquals(webhooks, grantedTables(name).contains("WebhooksTable"), name);
            // the publisher logs each event before announcing it (claim check, order): it only adds events
            assertEquals(webhooks || name.equals("StreamPublisherFunction"), grantedTables(name).contains("DeliveriesTable"), name);
            if (name.equals("StreamPublisherFunction")) {
                for (Map<String, Object> statement : statements(name)) {
                    if (asList(statement.get("Resource")).stream().map(TemplateTest::grant)
                            .anyMatch(g -> g != null && g.resource().equals("DeliveriesTable"))) {
                        assertEquals(List.of("dynamodb:PutItem"), list(statement.get("Action")), name);
                    }
                }
            }
            assertEquals(name.equals("StreamPublisherFunction"), !granted(name, "sns:Publish").isEmpty(), name);
            // the merchants table is read-only to every function (provisioning is merchant-cli's, as an operator)
            for (Map<String, Object> statement : statements(name)) {
                for (Object resource : asList(statement.get("Resource"))) {
                    Grant grant = grant(resource);
                    if (grant != null && grant.resource().equals("MerchantsTable")) {
                        assertEquals(List.of("dynamodb:GetItem"), list(statement.get("Action")), name);
                    }
                }
            }
        }
    }

    /**
     * The books are written only by the functions that settle payments (they build {@code PaymentOutcomes}, whose
     * change of a successful payment posts to the ledger in the intent's own DynamoDB transaction): a journal put
     * and a balance update, nothing else (provider-events and the expiry sweep also read transfers and refunds they
     * settle); the readers (balance, statements) only read. TransactWriteItems has no
     * action of its own: each of its items is authorised by its own action.
     */
    @Test
    void onlyTheFunctionsThatSettlePaymentsWriteTheBooksAndOnlyByPutAndUpdate() {
        Set<String> settlers = Set.of("AttemptPaymentFunction", "AuthenticatePaymentFunction", "ProviderEventsFunction",
                "ProviderRoutesFunction", "ExpireIntentsFunction");
        for (String name : functions().keySet()) {
            Set<String> ledgerActions = new TreeSet<>();
            for (Map<String, Object> statement : statements(name)) {
                for (Object resource : asList(statement.get("Resource"))) {
                    Grant grant = grant(resource);
                    if (grant != null && grant.resource().equals("LedgerTable") && grant.index() == null) {
                        list(statement.get("Action")).forEach(a -> ledgerActions.add(String.valueOf(a)));
                    }
                }
            }
            Set<String> writes = new TreeSet<>(ledgerActions);
            writes.removeAll(Set.of("dynamodb:GetItem", "dynamodb:Query"));
            if (settlers.contains(name)) {
                // the two that also settle transfers and refunds (their checks, the sweep) read them first
                Set<String> expected = name.equals("ProviderEventsFunction") || name.equals("ExpireIntentsFunction")
                        ? Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")
                        : Set.of("dynamodb:PutItem", "dynamodb:UpdateItem");
                assertEquals(expected, ledgerActions, name);
            } else if (!writes.isEmpty()) {
                // the money-out functions (refunds, transfers) write it too; none other than those and the settlers
                assertTrue(name.contains("Refund") || name.contains("Transfer") || name.contains("Payout"),
                        name + " writes the books: " + writes);
            }
        }
        assertEquals("NEW_AND_OLD_IMAGES", map(properties("LedgerTable").get("StreamSpecification")).get("StreamViewType"));
        assertEquals(Boolean.TRUE, map(properties("LedgerTable").get("PointInTimeRecoverySpecification"))
                .get("PointInTimeRecoveryEnabled"));
        assertEquals("Retain", map(resources.get("LedgerTable")).get("DeletionPolicy"));
    }

    /**
     * Least privilege for the two secrets: the token signing key is read only by the functions behind the
     * HTTP API (they resolve callers with {@code IntentTokens}: token routes verify, create and reads sign, and
     * each primes token issuing for SnapStart); the stream publisher, the webhook dispatcher, the provider
     * events queue and the expiry sweep use no token, are configured without the key (so they never read it)
     * and are not granted it. Webhook secrets are sealed by the webhooks function (GenerateDataKey only) and
     * opened only by the dispatcher, which signs deliveries (Decrypt only).
     */
    @Test
    void theSigningKeyAndTheWebhookSecretsAreReadOnlyWhereTheyAreUsed() {
        Object globalSecret = environment(globals).get("CAURI_TOKEN_SIGNING_KEY_SECRET");
        assertEquals("TokenSigningKey", ref(globalSecret));
        for (String name : functions().keySet()) {
            boolean http = !events(name, "HttpApi").isEmpty();
            assertEquals(http ? Set.of("TokenSigningKey") : Set.of(), granted(name, "secretsmanager:GetSecretValue"),
                    name + ": the signing key only where tokens are used");
            Object secret = environment(properties(name)).getOrDefault("CAURI_TOKEN_SIGNING_KEY_SECRET", globalSecret);
            assertEquals(http, secret != null && !"".equals(secret),
                    name + ": configured with the signing key exactly where it may read it (" + secret + ")");
            assertEquals(name.equals("WebhookDispatcherFunction") || name.equals("WebhooksFunction")
                    ? Set.of("WebhookSecretsKey") : Set.of(),
                    granted(name, "kms:Decrypt"), name + ": only the dispatcher and the webhooks function open webhook secrets");
            assertEquals(name.equals("WebhooksFunction") ? Set.of("WebhookSecretsKey") : Set.of(),
                    granted(name, "kms:GenerateDataKey"), name + ": only the webhooks function seals them");
        }
        for (String queueFunction : List.of("StreamPublisherFunction", "WebhookDispatcherFunction",
                "ProviderEventsFunction", "ExpireIntentsFunction")) {
            assertTrue(functions().containsKey(queueFunction), queueFunction);
            assertTrue(events(queueFunction, "HttpApi").isEmpty(), queueFunction + " serves no route");
        }
    }

    /**
     * Live connectors: their credentials are never in the template (no secret resource holds them, no value
     * is a default); each connector's secret is created out of band and named by a parameter (a full secret ARN
     * or nothing). Exactly the functions that call providers (attempt, authenticate, provider events and their
     * routes, the settling sweep) are told those ARNs and may read them, through one managed policy that allows
     * GetSecretValue on those ARNs only and exists only when one is given; fees learns which connectors are
     * enabled (a live route is quoted only where it can be paid), nothing more.
     */
    @Test
    void connectorSecretsAreNamedByParametersAndReadOnlyByTheFunctionsThatCallProviders() {
        Set<String> callers = Set.of("AttemptPaymentFunction", "AuthenticatePaymentFunction", "ProviderEventsFunction",
                "ProviderRoutesFunction", "ExpireIntentsFunction", "CreateTransferFunction", "CreateRefundFunction");
        Map<String, String> secretVariables = Map.of("CAURI_CONNECTOR_SECRETS_MTN_MOMO", "MtnMomoSecretArn",
                "CAURI_CONNECTOR_SECRETS_WAVE", "WaveSecretArn", "CAURI_CONNECTOR_SECRETS_FEDAPAY", "FedaPaySecretArn");
        Map<String, Object> parameters = map(root.get("Parameters"));
        for (String parameter : secretVariables.values()) {
            Map<String, Object> p = map(parameters.get(parameter));
            assertEquals("String", p.get("Type"), parameter);
            assertEquals("", p.get("Default"), parameter + ": no connector unless its secret is given");
            Pattern allowed = Pattern.compile(String.valueOf(p.get("AllowedPattern")));
            assertTrue(allowed.matcher("").matches(), parameter);
            assertTrue(allowed.matcher("arn:aws:secretsmanager:eu-west-1:123456789012:secret:cauri/live/wave-AbCdEf")
                    .matches(), parameter);
            assertFalse(allowed.matcher("cauri/live/wave").matches(), parameter + ": a full ARN, as IAM needs it");
            assertFalse(allowed.matcher("{\"apiKey\": \"k\"}").matches(), parameter + ": never the value itself");
        }
        Map<String, Object> enabled = map(parameters.get("ConnectorsEnabled"));
        assertEquals("", enabled.get("Default"), "no live connector unless the deployment says so");
        Pattern enabledPattern = Pattern.compile(String.valueOf(enabled.get("AllowedPattern")));
        for (String value : List.of("", "mtn-momo", "wave,fedapay", "mtn-momo,wave,fedapay")) {
            assertTrue(enabledPattern.matcher(value).matches(), value);
        }
        assertFalse(enabledPattern.matcher("orange").matches());
        assertEquals(Set.of("TokenSigningKey"), resources.keySet().stream()
                .filter(r -> "AWS::SecretsManager::Secret".equals(type(r))).collect(Collectors.toSet()),
                "no connector secret is a resource of the stack");

        assertEquals("AWS::IAM::ManagedPolicy", type("ConnectorSecretsReadPolicy"));
        assertEquals("HasConnectorSecrets", map(resources.get("ConnectorSecretsReadPolicy")).get("Condition"));
        List<Object> statements = list(map(properties("ConnectorSecretsReadPolicy").get("PolicyDocument")).get("Statement"));
        assertEquals(1, statements.size());
        Map<String, Object> statement = map(statements.get(0));
        assertEquals("Allow", statement.get("Effect"));
        assertEquals(List.of("secretsmanager:GetSecretValue"), list(statement.get("Action")));
        Set<String> readable = new TreeSet<>();
        for (Object resource : list(statement.get("Resource"))) {
            List<Object> choice = list(map(resource).get("Fn::If"));
            assertEquals(3, choice.size(), "each ARN only if given: " + resource);
            assertEquals("AWS::NoValue", ref(choice.get(2)), String.valueOf(resource));
            readable.add(ref(choice.get(1)));
        }
        assertEquals(new TreeSet<>(secretVariables.values()), readable, "exactly the connectors' secrets");

        assertTrue(Collections.disjoint(environment(globals).keySet(), secretVariables.keySet()), "not in Globals");
        for (String name : functions().keySet()) {
            boolean caller = callers.contains(name);
            Map<String, Object> env = environment(properties(name));
            for (Map.Entry<String, String> variable : secretVariables.entrySet()) {
                assertEquals(caller ? variable.getValue() : null, ref(env.get(variable.getKey())), name + " " + variable.getKey());
            }
            assertEquals(caller || name.equals("FeesFunction") ? "ConnectorsEnabled" : null,
                    ref(env.get("CAURI_CONNECTORS_ENABLED")), name + ": CAURI_CONNECTORS_ENABLED");
            long attached = list(properties(name).get("Policies")).stream()
                    .map(policy -> list(map(policy).get("Fn::If")))
                    .filter(choice -> choice.size() == 3 && "ConnectorSecretsReadPolicy".equals(ref(choice.get(1))))
                    .peek(choice -> assertEquals("HasConnectorSecrets", choice.get(0), name))
                    .peek(choice -> assertEquals("AWS::NoValue", ref(choice.get(2)), name))
                    .count();
            assertEquals(caller ? 1 : 0, attached, name + ": may read the connectors' secrets");
        }
        assertEquals(callers.size() + 0L, resources.values().stream()
                .filter(r -> String.valueOf(map(r)).contains("ConnectorSecretsReadPolicy")).count(),
                "the policy is attached to these functions and nothing else");
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** A statement's resource: the template resource it refers to, and an index of it. */
    record Grant(String resource, String index) {
    }

    static Grant grant(Object resource) {
        Map<String, Object> intrinsic = map(resource);
        if (intrinsic.containsKey("Ref")) {
            return resources.containsKey(ref(resource)) ? new Grant(ref(resource), null) : null;
        }
        if (intrinsic.containsKey("Fn::GetAtt")) {
            List<String> parts = getAttParts(intrinsic.get("Fn::GetAtt"));
            return resources.containsKey(parts.get(0)) && parts.get(1).equals("Arn") ? new Grant(parts.get(0), null) : null;
        }
        if (intrinsic.get("Fn::Sub") instanceof String sub) {
            Matcher index = INDEX_ARN.matcher(sub);
            return index.matches() && resources.containsKey(index.group(1)) ? new Grant(index.group(1), index.group(2)) : null;
        }
        return null;
    }

    static Set<String> grantedTables(String function) {
        Set<String> tables = new HashSet<>();
        for (Map<String, Object> statement : statements(function)) {
            for (Object resource : asList(statement.get("Resource"))) {
                Grant grant = grant(resource);
                if (grant != null && "AWS::DynamoDB::Table".equals(type(grant.resource()))) {
                    tables.add(grant.resource());
                }
            }
        }
        return tables;
    }

    /** The resources on which a statement of the function allows this action. */
    static Set<String> granted(String function, String action) {
        Set<String> granted = new HashSet<>();
        for (Map<String, Object> statement : statements(function)) {
            if (list(statement.get("Action")).contains(action)) {
                asList(statement.get("Resource")).forEach(r -> {
                    Grant grant = grant(r);
                    if (grant != null) {
                        granted.add(grant.resource());
                    }
                });
            }
        }
        return granted;
    }

    static List<Map<String, Object>> statements(String function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(properties(function).get("Policies"))) {
            list(map(policy).get("Statement")).forEach(s -> statements.add(map(s)));
        }
        return statements;
    }

    /** CAURI_TABLES_* variable -> the table resource it names (Globals and every function; never two answers). */
    static Map<String, String> tableVariables() {
        Map<String, String> tableOf = new TreeMap<>();
        List<Map<String, Object>> scopes = new ArrayList<>();
        scopes.add(globals);
        functions().keySet().forEach(f -> scopes.add(properties(f)));
        for (Map<String, Object> scope : scopes) {
            environment(scope).forEach((variable, value) -> {
                if (variable.startsWith("CAURI_TABLES_")) {
                    String table = ref(value);
                    assertEquals("AWS::DynamoDB::Table", type(table), variable);
                    String before = tableOf.put(variable, table);
                    assertTrue(before == null || before.equals(table), variable + " names both " + before + " and " + table);
                }
            });
        }
        return tableOf;
    }

    static java.util.Optional<String> resourceOf(Object value) {
        String target = ref(value);
        return target != null && resources.containsKey(target) ? java.util.Optional.of(target) : java.util.Optional.empty();
    }

    static Map<String, Object> environment(Map<String, Object> scope) {
        return map(map(scope.get("Environment")).get("Variables"));
    }

    static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        resources.forEach((name, value) -> {
            if ("AWS::Serverless::Function".equals(map(value).get("Type"))) {
                functions.put(name, map(value));
            }
        });
        return functions;
    }

    static Object property(String function, String key) {
        return properties(function).getOrDefault(key, globals.get(key));
    }

    static String module(String function) {
        Matcher uri = CODE_URI.matcher(String.valueOf(property(function, "CodeUri")));
        assertTrue(uri.matches(), function + " CodeUri");
        return uri.group(1);
    }

    static List<Map<String, Object>> events(String function, String type) {
        List<Map<String, Object>> events = new ArrayList<>();
        map(properties(function).get("Events")).values().forEach(e -> {
            if (type.equals(map(e).get("Type"))) {
                events.add(map(e));
            }
        });
        return events;
    }

    static Map<String, Object> properties(String resource) {
        return map(map(resources.get(resource)).get("Properties"));
    }

    static String type(String resource) {
        return String.valueOf(map(resources.get(resource)).get("Type"));
    }

    /** The attributes of Fn::GetAtt the template may use, per resource type. */
    static Set<String> attributes(String type) {
        return switch (type) {
            case "AWS::DynamoDB::Table" -> Set.of("Arn", "StreamArn");
            case "AWS::SQS::Queue" -> Set.of("Arn", "QueueName", "QueueUrl");
            case "AWS::SNS::Topic" -> Set.of("TopicArn", "TopicName");
            case "AWS::KMS::Key" -> Set.of("Arn", "KeyId");
            case "AWS::Serverless::Function" -> Set.of("Arn");
            case "AWS::SecretsManager::Secret" -> Set.of("Id");
            default -> Set.of();
        };
    }

    static String ref(Object value) {
        Object target = map(value).get("Ref");
        return target == null ? null : String.valueOf(target);
    }

    /** The resource of {@code !GetAtt Resource.attribute}, which must be that attribute. */
    static String getAtt(Object value, String attribute) {
        Object getAtt = map(value).get("Fn::GetAtt");
        assertNotNull(getAtt, "expected !GetAtt X." + attribute + ", got " + value);
        List<String> parts = getAttParts(getAtt);
        assertEquals(attribute, parts.get(1), String.valueOf(value));
        return parts.get(0);
    }

    static List<String> getAttParts(Object getAtt) {
        if (getAtt instanceof String s) {
            int dot = s.indexOf('.');
            return List.of(s.substring(0, dot), s.substring(dot + 1));
        }
        return list(getAtt).stream().map(String::valueOf).toList();
    }

    /** Every Ref, GetAtt and ${...} of a Sub below this node, as (logical id, attribute or null). */
    static void forEachReference(Object node, java.util.function.BiConsumer<String, String> reference) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if ("Ref".equals(key)) {
                    reference.accept(String.valueOf(value), null);
                } else if ("Fn::GetAtt".equals(key)) {
                    List<String> parts = getAttParts(value);
                    reference.accept(parts.get(0), parts.get(1));
                } else if ("Fn::Sub".equals(key)) {
                    Object template = value instanceof List<?> l ? l.get(0) : value;
                    Set<String> locals = value instanceof List<?> l && l.size() > 1 ? map(l.get(1)).keySet() : Set.of();
                    Matcher variable = SUB_VARIABLE.matcher(String.valueOf(template));
                    while (variable.find()) {
                        if (!locals.contains(variable.group(1))) {
                            reference.accept(variable.group(1), variable.group(2));
                        }
                    }
                    if (value instanceof List<?> l && l.size() > 1) {
                        forEachReference(l.get(1), reference);
                    }
                } else {
                    forEachReference(value, reference);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(item -> forEachReference(item, reference));
        }
    }

    static List<String> findCycle(Map<String, Set<String>> edges) {
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, edges, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> edges, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            List<String> cycle = visit(next, edges, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }

    static List<String> keySchema(Object keySchema) {
        return list(keySchema).stream().map(k -> map(k).get("AttributeName") + " " + map(k).get("KeyType")).toList();
    }

    private static final Pattern CONTROLLER = Pattern.compile("@Controller\\b(?:\\(\\s*\"([^\"]*)\"\\s*\\))?");
    private static final Pattern ROUTE = Pattern.compile("@(Get|Post|Put|Patch|Delete)\\b(?:\\(([^)]*)\\))?");
    private static final Pattern ROUTE_VALUE = Pattern.compile("^\\s*\"([^\"]*)\"|\\b(?:value|uri)\\s*=\\s*\"([^\"]*)\"");

    /** "METHOD /path" of every Micronaut route declared in a function module's sources. */
    static Set<String> controllerRoutes(String module) throws IOException {
        Set<String> routes = new TreeSet<>();
        Path sources = REPO.resolve("functions").resolve(module).resolve("src/main/java");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher controller = CONTROLLER.matcher(source);
            if (!controller.find()) {
                continue;
            }
            String base = controller.group(1) == null ? "" : controller.group(1);
            Matcher route = ROUTE.matcher(source);
            while (route.find()) {
                String path = "";
                if (route.group(2) != null) {
                    Matcher value = ROUTE_VALUE.matcher(route.group(2));
                    if (value.find()) {
                        path = value.group(1) != null ? value.group(1) : value.group(2);
                    }
                }
                routes.add(route.group(1).toUpperCase() + " " + (base + path));
            }
        }
        return routes;
    }

    static List<Object> asList(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : value == null ? List.of() : List.of(value);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /**
     * CloudFormation's short forms read as their long forms ({@code !Ref X} as {@code {Ref: X}}, {@code !GetAtt}
     * as {@code {Fn::GetAtt: ...}}, any other {@code !Fn} as {@code {Fn::Fn: ...}}), so that references can be
     * followed whichever form the template uses.
     */
    static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    Object value = node instanceof ScalarNode scalar ? constructScalar(scalar)
                            : node instanceof SequenceNode sequence ? constructSequence(sequence)
                            : constructMapping((MappingNode) node);
                    return Map.of(tag.equals("Ref") ? "Ref" : "Fn::" + tag, value);
                }
            });
        }
    }
}
