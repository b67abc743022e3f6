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
        // neither mapping waits to fill a batch: a window would hold every event (and webhook) that long
        for (Map<String, Object> mapping : List.of(ledger, intents)) {
            assertEquals(0, ((Number) mapping.get("MaximumBatchingWindowInSeconds")).intValue(), String.valueOf(mapping.get("Stream")));
        }
    }

    /**
     * The webhook queue gets from the topic every event but those the publisher marked as wanted by no endpoint, with
     * the filter local-api and the tests subscribe it with; the publisher is configured with the endpoints' table.
     */
    @Test
    void theWebhookQueueLeavesOutOnlyTheEventsNoEndpointWants() throws Exception {
        Map<String, Object> subscription = properties("WebhookQueueSubscription");
        assertEquals("WebhookQueue", getAtt(subscription.get("Endpoint"), "Arn"));
        assertEquals("MessageAttributes", subscription.get("FilterPolicyScope"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(json.readTree(io.cauri.aws.SnsEventPublisher.WEBHOOK_QUEUE_FILTER_POLICY),
                json.valueToTree(subscription.get("FilterPolicy")));
        assertEquals("WebhooksTable", resourceOf(environment(properties("StreamPublisherFunction"))
                .get("CAURI_TABLES_WEBHOOKS")).orElse(null));
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
    void onlyTheWebhookFunctionsAndThePublisherReachTheWebhookTablesAndOnlyThePublisherPublishes() {
        for (String name : functions().keySet()) {
            boolean webhooks = name.startsWith("Webhook");
            boolean publisher = name.equals("StreamPublisherFunction");
            // the publisher reads the endpoints to mark the events none of them wants (the webhook queue's filter)
            assertEquals(webhooks || publisher, grantedTables(name).contains("WebhooksTable"), name);
            // the publisher logs each event before announcing it (claim check, order): it only adds events
            assertEquals(webhooks || publisher, grantedTables(name).contains("DeliveriesTable"), name);
            if (publisher) {
                for (Map<String, Object> statement : statements(name)) {
                    if (asList(statement.get("Resource")).stream().map(TemplateTest::grant)
                            .anyMatch(g -> g != null && g.resource().equals("DeliveriesTable"))) {
                        assertEquals(List.of("dynamodb:PutItem"), list(statement.get("Action")), name);
                    }
                    if (asList(statement.get("Resource")).stream().map(TemplateTest::grant)
                            .anyMatch(g -> g != null && g.resource().equals("WebhooksTable"))) {
                        assertEquals(List.of("dynamodb:Query"), list(statement.get("Action")), name);
                    }
                }
            }
            // events go out through the publisher alone; the dispatcher may only tell operators of a disabled endpoint
            assertEquals(name.equals("StreamPublisherFunction") ? Set.of("PaymentEventsTopic")
                    : name.equals("WebhookDispatcherFunction") ? Set.of("AlarmTopic") : Set.of(),
                    granted(name, "sns:Publish"), name);
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

    // ---- operations: tracing, logs, alarms that reach someone, the dashboard (docs/OPERATIONS.md) -------------

    /**
     * The metrics the functions write as CloudWatch embedded metric format lines (namespace {@value #EMF_NAMESPACE}):
     * name -> the dimension sets each is written with. Alarms and the dashboard may use only these, with one of
     * these dimension sets (CloudWatch matches a metric on its exact dimension set: a misspelt name or a dimension
     * too many alarms on nothing, silently).
     */
    static final String EMF_NAMESPACE = "Cauri";
    static final Map<String, Set<Set<String>>> EMF_METRICS = Map.ofEntries(
            Map.entry("Requests", Set.of(Set.of("Function"), Set.of("Function", "Route"))),
            Map.entry("ClientErrors", Set.of(Set.of("Function"), Set.of("Function", "Route"))),
            Map.entry("ServerErrors", Set.of(Set.of("Function"), Set.of("Function", "Route"))),
            Map.entry("Latency", Set.of(Set.of("Function"), Set.of("Function", "Route"))),
            Map.entry("IntentsCreated", Set.of(Set.of("Mode"))),
            Map.entry("PaymentAttempts", Set.of(Set.of("Mode", "Country", "Operator"))),
            Map.entry("PaymentsSucceeded", Set.of(Set.of("Mode", "Country", "Operator"))),
            Map.entry("PaymentsFailed", Set.of(Set.of("Mode", "Country", "Operator"),
                    Set.of("Mode", "Country", "Operator", "FailureCode"))),
            Map.entry("TimeToFinalStatus", Set.of(Set.of("Mode", "Operator"))),
            Map.entry("WebhookDeliveries", Set.of(Set.of("Outcome"))),
            Map.entry("WebhookDeliveryLatency", Set.of(Set.of())),
            Map.entry("WebhookEndpointsDisabled", Set.of(Set.of())),
            Map.entry("StreamPublisherLag", Set.of(Set.of())),
            Map.entry("DispatcherLag", Set.of(Set.of())));

    /**
     * Every function is traced (X-Ray, active) and writes Lambda's JSON log format, at the level of the LogLevel
     * parameter, to a log group of its own that the stack creates with a retention period (never Lambda's default
     * group, which keeps logs forever). The level may not go above INFO: Lambda files a JSON line without a level
     * (an EMF metric line) as INFO, so a WARN level would drop every metric.
     */
    @Test
    void everyFunctionIsTracedAndLogsJsonAtTheConfiguredLevelToALogGroupOfItsOwnWithRetention() {
        Map<String, Object> logLevel = map(map(root.get("Parameters")).get("LogLevel"));
        assertFalse(logLevel.isEmpty(), "a LogLevel parameter");
        assertTrue(Set.of("TRACE", "DEBUG", "INFO").containsAll(list(logLevel.get("AllowedValues"))),
                "LogLevel above INFO would drop the EMF metric lines: " + logLevel.get("AllowedValues"));
        assertTrue(list(logLevel.get("AllowedValues")).contains(logLevel.get("Default")), "LogLevel default");
        Set<String> logGroups = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (String name : functions().keySet()) {
            if (!"Active".equals(property(name, "Tracing"))) {
                problems.add(name + ": Tracing is " + property(name, "Tracing") + ", not Active");
            }
            Map<String, Object> logging = merged(name, "LoggingConfig");
            if (!"JSON".equals(logging.get("LogFormat"))) {
                problems.add(name + ": LogFormat " + logging.get("LogFormat"));
            }
            if (!"LogLevel".equals(ref(logging.get("ApplicationLogLevel")))) {
                problems.add(name + ": ApplicationLogLevel is not the LogLevel parameter: " + logging.get("ApplicationLogLevel"));
            }
            if (logging.get("SystemLogLevel") == null) {
                problems.add(name + ": no SystemLogLevel");
            }
            String group = ref(logging.get("LogGroup"));
            if (group == null || !"AWS::Logs::LogGroup".equals(type(group))) {
                problems.add(name + ": LoggingConfig.LogGroup is not a log group of the stack: " + logging.get("LogGroup"));
                continue;
            }
            if (!logGroups.add(group)) {
                problems.add(name + ": shares " + group + " with another function");
            }
            if (!"LogRetentionDays".equals(ref(properties(group).get("RetentionInDays")))) {
                problems.add(group + " (" + name + "): RetentionInDays is not the LogRetentionDays parameter");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyLogGroupOfTheStackHasARetentionPeriod() {
        List<String> groups = resources.keySet().stream().filter(r -> "AWS::Logs::LogGroup".equals(type(r))).toList();
        assertTrue(groups.size() > functions().size(), "a group per function and the API's access log: " + groups);
        Map<String, Object> retention = map(map(root.get("Parameters")).get("LogRetentionDays"));
        assertTrue(list(retention.get("AllowedValues")).contains(retention.get("Default")), "LogRetentionDays " + retention);
        for (String group : groups) {
            Object days = properties(group).get("RetentionInDays");
            assertTrue("LogRetentionDays".equals(ref(days)) || days instanceof Number, group + " keeps logs forever");
            assertTrue(Set.of("Delete", "Retain").contains(map(resources.get(group)).get("DeletionPolicy")), group);
        }
    }

    /**
     * The HTTP API's access log: one JSON line per request, to a log group with retention. It names the route
     * template ({@code $context.routeKey}), never the concrete path: {@code /payment-intents/url/{token}} carries
     * an intent's token in its path. No header (API keys, tokens, user agents), no query string, no authorizer.
     */
    @Test
    void theApiAccessLogIsJsonWithRouteTemplatesAndNoPathHeaderOrQueryString() throws Exception {
        Map<String, Object> settings = map(properties("HttpApi").get("AccessLogSettings"));
        String group = getAtt(settings.get("DestinationArn"), "Arn");
        assertEquals("AWS::Logs::LogGroup", type(group));
        assertNotNull(properties(group).get("RetentionInDays"), group);
        String format = String.valueOf(settings.get("Format"));
        Map<String, Object> fields = new com.fasterxml.jackson.databind.ObjectMapper().readValue(format,
                new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
        assertTrue(fields.containsValue("$context.routeKey"), "the route template: " + format);
        assertTrue(fields.containsValue("$context.status") && fields.containsValue("$context.requestId"), format);
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String value = String.valueOf(field.getValue());
            assertTrue(value.matches("\\$context\\.[A-Za-z.]+"), field + ": one context variable per field");
            String lower = value.toLowerCase();
            for (String secretBearing : List.of("path", "header", "querystring", "useragent", "authorizer", "authorization",
                    "domainname", "customdomain")) {
                assertFalse(lower.contains(secretBearing), field + " may carry a token, key or payer data");
            }
        }
        // the reason: a route that carries a token in its path
        assertTrue(events("RetrieveIntentFunction", "HttpApi").stream()
                .anyMatch(e -> String.valueOf(map(e.get("Properties")).get("Path")).contains("{token}")));
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopicWhichEmailsTheAlarmEmailWhenOneIsGiven() {
        assertEquals("AWS::SNS::Topic", type("AlarmTopic"));
        // CloudWatch cannot publish to a topic sealed with the AWS-managed aws/sns key (its policy cannot grant it)
        assertFalse(String.valueOf(properties("AlarmTopic").get("KmsMasterKeyId")).contains("aws/sns"),
                "alarms cannot publish to a topic under aws/sns");
        Map<String, Object> email = map(map(root.get("Parameters")).get("AlarmEmail"));
        assertEquals("", email.get("Default"));
        Pattern allowed = Pattern.compile(String.valueOf(email.get("AllowedPattern")));
        assertTrue(allowed.matcher("").matches() && allowed.matcher("oncall@example.com").matches(), "AlarmEmail pattern");
        assertFalse(allowed.matcher("not an address").matches());
        List<String> subscriptions = resources.keySet().stream().filter(r -> "AWS::SNS::Subscription".equals(type(r))
                && "AlarmTopic".equals(ref(properties(r).get("TopicArn")))).toList();
        assertEquals(1, subscriptions.size(), "one email subscription: " + subscriptions);
        Map<String, Object> subscription = map(resources.get(subscriptions.get(0)));
        assertEquals("email", map(subscription.get("Properties")).get("Protocol"));
        assertEquals("AlarmEmail", ref(map(subscription.get("Properties")).get("Endpoint")));
        String condition = String.valueOf(subscription.get("Condition"));
        assertTrue(String.valueOf(map(root.get("Conditions")).get(condition)).contains("AlarmEmail"),
                "no subscription without an address: " + condition);

        assertFalse(alarms().isEmpty());
        List<String> silent = alarms().keySet().stream().filter(a -> !reachesTheTopic(a)).toList();
        assertEquals(List.of(), silent, "alarms whose AlarmActions and OKActions do not notify AlarmTopic");
    }

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarmThatReachTheAlarmTopic() {
        List<String> problems = new ArrayList<>();
        for (String name : functions().keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                boolean alarmed = alarms().keySet().stream().anyMatch(a -> reachesTheTopic(a)
                        && "AWS/Lambda".equals(properties(a).get("Namespace")) && metric.equals(properties(a).get("MetricName"))
                        && name.equals(ref(dimension(properties(a).get("Dimensions"), "FunctionName")))
                        && "GreaterThanThreshold".equals(properties(a).get("ComparisonOperator"))
                        && properties(a).get("Threshold") instanceof Number t && t.doubleValue() == 0);
                if (!alarmed) {
                    problems.add(name + " has no " + metric + " > 0 alarm on the topic");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * Every queue where failed work lands (a redrive policy's dead-letter queue, a stream mapping's on-failure
     * destination) alarms on its first message, to the topic.
     */
    @Test
    void everyDeadLetterQueueAndStreamFailureDestinationAlarmsOnItsFirstMessageToTheTopic() {
        Set<String> queues = new TreeSet<>();
        resources.forEach((name, resource) -> {
            Object redrive = map(map(resource).getOrDefault("Properties", Map.of())).get("RedrivePolicy");
            if (redrive != null) {
                queues.add(getAtt(map(redrive).get("deadLetterTargetArn"), "Arn"));
            }
        });
        for (String name : functions().keySet()) {
            for (Map<String, Object> event : events(name, "DynamoDB")) {
                queues.add(getAtt(map(map(map(event.get("Properties")).get("DestinationConfig")).get("OnFailure"))
                        .get("Destination"), "Arn"));
            }
        }
        assertEquals(Set.of("ProviderEventsDeadLetterQueue", "StreamFailuresQueue", "WebhookDeadLetterQueue"), queues);
        for (String queue : queues) {
            assertTrue(alarms().keySet().stream().anyMatch(a -> reachesTheTopic(a)
                            && "AWS/SQS".equals(properties(a).get("Namespace"))
                            && "ApproximateNumberOfMessagesVisible".equals(properties(a).get("MetricName"))
                            && "GreaterThanThreshold".equals(properties(a).get("ComparisonOperator"))
                            && properties(a).get("Threshold") instanceof Number t && t.intValue() == 0
                            && queue.equals(getAtt(dimension(properties(a).get("Dimensions"), "QueueName"), "QueueName"))),
                    queue + " has no alarm on its first message that reaches the topic");
        }
    }

    /**
     * Lambda publishes IteratorAge per function (the oldest record it has read, over all its stream mappings): a
     * function with a stream mapping has an alarm on its maximum, so a lagging mapping cannot hide behind another.
     */
    @Test
    void everyStreamMappingHasAnIteratorAgeAlarmToTheTopic() {
        int mappings = 0;
        for (String name : functions().keySet()) {
            for (Map<String, Object> ignored : events(name, "DynamoDB")) {
                mappings++;
                assertTrue(alarms().keySet().stream().anyMatch(a -> reachesTheTopic(a)
                                && "AWS/Lambda".equals(properties(a).get("Namespace"))
                                && "IteratorAge".equals(properties(a).get("MetricName"))
                                && "Maximum".equals(properties(a).get("Statistic"))
                                && name.equals(ref(dimension(properties(a).get("Dimensions"), "FunctionName")))),
                        name + ": no IteratorAge (Maximum) alarm on the topic");
            }
        }
        assertEquals(2, mappings, "the intents' and the ledger's streams");
    }

    @Test
    void theApiServerErrorRateAlarmDividesThisApis5xxByItsRequests() {
        String alarm = mathAlarmOver("AWS/ApiGateway", "5xx");
        Map<String, Map<String, Object>> metrics = mathMetrics(alarm);
        Map<String, Object> errors = metricNamed(metrics, "AWS/ApiGateway", "5xx");
        Map<String, Object> count = metricNamed(metrics, "AWS/ApiGateway", "Count");
        for (Map<String, Object> metric : List.of(errors, count)) {
            assertEquals("HttpApi", ref(dimension(metric.get("Dimensions"), "ApiId")), "this API's metrics");
            assertEquals(1, list(metric.get("Dimensions")).size(), "all its stages and routes: " + metric);
        }
        assertTrue(returned(alarm).matches(".*\\b" + idOf(metrics, errors) + "\\b.*/.*\\b" + idOf(metrics, count) + "\\b.*"),
                "5xx / Count: " + returned(alarm));
        assertTrue(reachesTheTopic(alarm));
    }

    /**
     * The webhook failure rate counts every merchant's deliveries together (WebhookDeliveries has no merchant or
     * endpoint dimension): one merchant's dead endpoint is that merchant's problem, shown on its deliveries and
     * eventually disabled, not a page; many endpoints failing at once is ours.
     */
    @Test
    void theWebhookFailureRateAlarmIsOverAllMerchantsDeliveriesWithAMinimumVolume() {
        String alarm = mathAlarmOver(EMF_NAMESPACE, "WebhookDeliveries");
        Map<String, Map<String, Object>> metrics = mathMetrics(alarm);
        Set<String> outcomes = new TreeSet<>();
        metrics.values().forEach(m -> {
            assertEquals("WebhookDeliveries", m.get("MetricName"));
            assertEquals(1, list(m.get("Dimensions")).size(), "Outcome only, across merchants: " + m);
            outcomes.add(String.valueOf(dimension(m.get("Dimensions"), "Outcome")));
        });
        assertEquals(Set.of("delivered", "failed"), outcomes);
        assertTrue(returned(alarm).startsWith("IF("), "no alarm below a minimum volume: " + returned(alarm));
        assertEquals("notBreaching", properties(alarm).get("TreatMissingData"));
        assertTrue(reachesTheTopic(alarm));
    }

    /**
     * A success-rate alarm per operator that takes live payments (coverage.json's {@code live} routes), over every
     * country where it does: PaymentsSucceeded / (PaymentsSucceeded + PaymentsFailed) in live mode, not below a
     * minimum volume (a quiet hour with two failures is no outage), missing data not breaching.
     */
    @Test
    void everyLiveOperatorHasASuccessRateAlarmOverEveryCountryItIsLiveIn() throws Exception {
        com.fasterxml.jackson.databind.JsonNode live = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(REPO.resolve("shared-model/src/main/resources/cauri/coverage.json").toFile()).get("live");
        Map<String, Set<String>> countriesOf = new TreeMap<>();
        live.fields().forEachRemaining(country -> country.getValue().fieldNames().forEachRemaining(
                operator -> countriesOf.computeIfAbsent(operator, o -> new TreeSet<>()).add(country.getKey())));
        assertFalse(countriesOf.isEmpty());
        Map<String, String> alarmOf = new TreeMap<>();
        for (String alarm : alarms().keySet()) {
            Map<String, Map<String, Object>> metrics = mathMetrics(alarm);
            if (metrics.values().stream().noneMatch(m -> "PaymentsSucceeded".equals(m.get("MetricName")))) {
                continue;
            }
            Set<String> operators = new TreeSet<>();
            Map<String, Set<String>> countriesByMetric = new TreeMap<>();
            for (Map<String, Object> m : metrics.values()) {
                assertEquals(EMF_NAMESPACE, m.get("Namespace"), alarm);
                assertEquals("live", dimension(m.get("Dimensions"), "Mode"), alarm + ": live payments only");
                operators.add(String.valueOf(dimension(m.get("Dimensions"), "Operator")));
                countriesByMetric.computeIfAbsent(String.valueOf(m.get("MetricName")), k -> new TreeSet<>())
                        .add(String.valueOf(dimension(m.get("Dimensions"), "Country")));
            }
            assertEquals(1, operators.size(), alarm + ": one operator per alarm");
            String operator = operators.iterator().next();
            assertNull(alarmOf.put(operator, alarm), operator + " has two alarms");
            Set<String> expected = countriesOf.getOrDefault(operator, Set.of());
            assertEquals(Map.of("PaymentsSucceeded", expected, "PaymentsFailed", expected), countriesByMetric,
                    alarm + ": succeeded and failed payments in every country where " + operator + " is live");
            assertTrue(returned(alarm).startsWith("IF("), alarm + ": a minimum volume: " + returned(alarm));
            assertEquals("LessThanThreshold", properties(alarm).get("ComparisonOperator"), alarm);
            assertEquals("notBreaching", properties(alarm).get("TreatMissingData"), alarm);
            assertTrue(reachesTheTopic(alarm), alarm);
        }
        assertEquals(countriesOf.keySet(), alarmOf.keySet(), "one success-rate alarm per live operator");
    }

    /** The Cauri metrics alarms and the dashboard use are ones the functions write, with their dimension sets. */
    @Test
    void alarmsAndTheDashboardUseOnlyTheMetricsTheFunctionsWriteWithTheirDimensions() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String alarm : alarms().keySet()) {
            List<Map<String, Object>> metrics = new ArrayList<>(mathMetrics(alarm).values());
            if (properties(alarm).get("MetricName") != null) {
                metrics.add(properties(alarm));
            }
            for (Map<String, Object> m : metrics) {
                if (EMF_NAMESPACE.equals(m.get("Namespace"))) {
                    Set<String> dims = list(m.get("Dimensions")).stream().map(d -> String.valueOf(map(d).get("Name")))
                            .collect(Collectors.toSet());
                    if (!EMF_METRICS.getOrDefault(String.valueOf(m.get("MetricName")), Set.of()).contains(dims)) {
                        problems.add(alarm + ": " + m.get("MetricName") + " " + dims);
                    }
                }
            }
        }
        for (List<Object> metric : dashboardMetrics()) {
            if (EMF_NAMESPACE.equals(metric.get(0))) {
                Set<String> dims = new TreeSet<>();
                for (int i = 2; i + 1 < metric.size() && metric.get(i) instanceof String; i += 2) {
                    dims.add(String.valueOf(metric.get(i)));
                }
                if (!EMF_METRICS.getOrDefault(String.valueOf(metric.get(1)), Set.of()).contains(dims)) {
                    problems.add("dashboard: " + metric);
                }
            }
        }
        Matcher search = Pattern.compile("SEARCH\\('\\{([^}]*)}\\s*MetricName=\\\\?\"([A-Za-z0-9]+)\\\\?\"").matcher(dashboardBody());
        while (search.find()) {
            List<String> schema = Arrays.stream(search.group(1).split(",")).map(String::trim).toList();
            if (EMF_NAMESPACE.equals(schema.get(0)) && !EMF_METRICS.getOrDefault(search.group(2), Set.of())
                    .contains(new HashSet<>(schema.subList(1, schema.size())))) {
                problems.add("dashboard search: " + search.group());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theDashboardShowsRoutesPaymentsPerOperatorWebhooksLagsAndDeadLetterQueues() throws Exception {
        assertEquals(1, resources.keySet().stream().filter(r -> "AWS::CloudWatch::Dashboard".equals(type(r))).count());
        String body = dashboardBody();
        for (String metric : List.of("Requests", "ServerErrors", "Latency", "PaymentsSucceeded", "PaymentsFailed",
                "WebhookDeliveries", "WebhookDeliveryLatency", "StreamPublisherLag", "DispatcherLag", "IteratorAge", "5xx")) {
            assertTrue(Pattern.compile("\\\\?\"" + metric + "\\\\?\"").matcher(body).find(), "the dashboard shows " + metric);
        }
        assertTrue(body.contains("Operator"), "payment outcomes per operator");
        for (String queue : List.of("ProviderEventsDeadLetterQueue", "StreamFailuresQueue", "WebhookDeadLetterQueue")) {
            assertTrue(body.contains("${" + queue + ".QueueName}"), "the dashboard shows " + queue + "'s depth");
        }
    }

    static Map<String, Object> merged(String function, String key) {
        Map<String, Object> merged = new LinkedHashMap<>(map(globals.get(key)));
        merged.putAll(map(properties(function).get(key))); // SAM merges a map of Globals with the function's, key by key
        return merged;
    }

    static Map<String, Map<String, Object>> alarms() {
        Map<String, Map<String, Object>> alarms = new TreeMap<>();
        resources.keySet().stream().filter(r -> "AWS::CloudWatch::Alarm".equals(type(r))).forEach(r -> alarms.put(r, properties(r)));
        return alarms;
    }

    static boolean reachesTheTopic(String alarm) {
        Map<String, Object> p = properties(alarm);
        return list(p.get("AlarmActions")).stream().anyMatch(a -> "AlarmTopic".equals(ref(a)))
                && list(p.get("OKActions")).stream().anyMatch(a -> "AlarmTopic".equals(ref(a)))
                && !Boolean.FALSE.equals(p.get("ActionsEnabled"));
    }

    static Object dimension(Object dimensions, String name) {
        return list(dimensions).stream().map(TemplateTest::map).filter(d -> name.equals(d.get("Name")))
                .map(d -> d.get("Value")).findFirst().orElse(null);
    }

    /** A metric-math alarm's metrics, by id. */
    static Map<String, Map<String, Object>> mathMetrics(String alarm) {
        Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
        for (Object query : list(properties(alarm).get("Metrics"))) {
            Map<String, Object> stat = map(map(query).get("MetricStat"));
            if (!stat.isEmpty()) {
                metrics.put(String.valueOf(map(query).get("Id")), map(stat.get("Metric")));
            }
        }
        return metrics;
    }

    static String mathAlarmOver(String namespace, String metricName) {
        List<String> found = alarms().keySet().stream().filter(a -> mathMetrics(a).values().stream()
                .anyMatch(m -> namespace.equals(m.get("Namespace")) && metricName.equals(m.get("MetricName")))).toList();
        assertEquals(1, found.size(), "one metric-math alarm over " + namespace + " " + metricName + ": " + found);
        return found.get(0);
    }

    static Map<String, Object> metricNamed(Map<String, Map<String, Object>> metrics, String namespace, String name) {
        return metrics.values().stream().filter(m -> namespace.equals(m.get("Namespace")) && name.equals(m.get("MetricName")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + namespace + " " + name + " in " + metrics));
    }

    static String idOf(Map<String, Map<String, Object>> metrics, Map<String, Object> metric) {
        return metrics.entrySet().stream().filter(e -> e.getValue() == metric).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** The expression a metric-math alarm watches (the one query that returns data), its other expressions inlined. */
    static String returned(String alarm) {
        Map<String, String> expressions = new LinkedHashMap<>();
        String returned = null;
        for (Object query : list(properties(alarm).get("Metrics"))) {
            Map<String, Object> q = map(query);
            Object expression = q.get("Expression");
            String text = expression instanceof String s ? s : String.valueOf(map(expression).get("Fn::Sub"));
            if (expression != null) {
                expressions.put(String.valueOf(q.get("Id")), text);
                if (Boolean.TRUE.equals(q.get("ReturnData"))) {
                    returned = text;
                }
            }
        }
        assertNotNull(returned, alarm + ": no expression returns data");
        for (int i = 0; i < 3; i++) {
            for (Map.Entry<String, String> e : expressions.entrySet()) {
                returned = returned.replaceAll("\\b" + e.getKey() + "\\b", "(" + e.getValue() + ")");
            }
        }
        return returned.replace(" ", "");
    }

    static String dashboardBody() {
        String dashboard = resources.keySet().stream().filter(r -> "AWS::CloudWatch::Dashboard".equals(type(r)))
                .findFirst().orElseThrow(() -> new AssertionError("no AWS::CloudWatch::Dashboard"));
        Object body = properties(dashboard).get("DashboardBody");
        return body instanceof String s ? s : String.valueOf(map(body).get("Fn::Sub"));
    }

    /** Every metric array of the dashboard's widgets ([namespace, name, dimension, value, ...]). */
    static List<List<Object>> dashboardMetrics() throws IOException {
        String json = dashboardBody().replaceAll("\\$\\{[A-Za-z0-9:.]+}", "x");
        com.fasterxml.jackson.databind.JsonNode widgets = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("widgets");
        assertNotNull(widgets, "a dashboard body with widgets");
        List<List<Object>> metrics = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode widget : widgets) {
            for (com.fasterxml.jackson.databind.JsonNode metric : widget.path("properties").path("metrics")) {
                List<Object> values = new ArrayList<>();
                metric.forEach(v -> {
                    if (v.isTextual()) {
                        values.add(v.asText()); // the options object ({"stat": ...}) is not part of the metric
                    }
                });
                if (!values.isEmpty()) {
                    metrics.add(values);
                }
            }
        }
        return metrics;
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
            case "AWS::Logs::LogGroup" -> Set.of("Arn");
            case "AWS::CloudWatch::Alarm" -> Set.of("Arn");
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
