package io.cauri.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The generated document (META-INF/swagger/cauri.yml on this module's classpath) and schema validation
 * against it with networknt's json-schema-validator in its OpenAPI 3.0 dialect, {@code $ref}s resolved inside
 * the document. One reading is made explicit: the generator (like swagger-core) marks a nullable reference as
 * {@code nullable: true} beside {@code allOf: [$ref]}, which tools take to admit null but the validator applies
 * to a sibling {@code type} only; such a schema is validated as {@code anyOf: [null, itself]}.
 */
final class OpenApiDocument {
    static final String RESOURCE = "META-INF/swagger/cauri.yml";
    private static final String IRI = "https://cauri.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
        String json;
        try {
            json = JSON.writeValueAsString(nullableReferencesAdmitNull(root.deepCopy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, builder -> builder
                .metaSchema(OpenApi30.getInstance())
                .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(IRI, json))));
        this.config = SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH).build();
    }

    /** {@code {nullable: true, allOf: […], …}} → {@code {anyOf: [{type: null… }, {allOf: […], …}]}}, everywhere. */
    private static JsonNode nullableReferencesAdmitNull(JsonNode node) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, nullableReferencesAdmitNull(node.get(i)));
            }
            return node;
        }
        if (!node.isObject()) {
            return node;
        }
        var object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            object.set(name, nullableReferencesAdmitNull(object.get(name)));
        }
        if (object.path("nullable").asBoolean(false) && !object.has("type") && object.has("allOf")) {
            var nonNull = object.deepCopy();
            nonNull.remove("nullable");
            var either = JSON.createObjectNode();
            // OpenAPI 3.0 has no null type: an enum of null is how its dialect admits the value null.
            var onlyNull = JSON.createObjectNode().put("nullable", true);
            onlyNull.putArray("enum").addNull();
            either.putArray("anyOf").add(onlyNull).add(nonNull);
            return either;
        }
        return object;
    }

    static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: the annotation processor did not run");
            }
            return new OpenApiDocument(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** The operation for a method and a path template as API Gateway writes it ({@code /payment-intents/{id}}). */
    Optional<JsonNode> operation(String method, String pathTemplate) {
        JsonNode op = root.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        return op.isObject() ? Optional.of(op) : Optional.empty();
    }

    /** Every (METHOD, path template) the document describes. */
    List<String> routes() {
        List<String> routes = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return routes;
    }

    /**
     * The path template a concrete path falls under, as API Gateway picks it: the candidates whose literal
     * segments match, the one with the fewest parameters first.
     */
    Optional<String> templateOf(String method, String concretePath) {
        List<String> candidates = new ArrayList<>();
        root.path("paths").fieldNames().forEachRemaining(template -> {
            String regex = "^" + Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "$";
            if (concretePath.matches(regex) && operation(method, template).isPresent()) {
                candidates.add(template);
            }
        });
        return candidates.stream().min(Comparator.comparingLong(t -> t.chars().filter(c -> c == '{').count()));
    }

    /** The JSON schema of an operation's request body, if it takes one. */
    Optional<JsonSchema> requestSchema(String method, String pathTemplate) {
        return operation(method, pathTemplate)
                .filter(op -> op.path("requestBody").path("content").path("application/json").has("schema"))
                .map(op -> schemaAt(pointer("paths", pathTemplate, method.toLowerCase(Locale.ROOT), "requestBody",
                        "content", "application/json", "schema")));
    }

    boolean requestBodyRequired(String method, String pathTemplate) {
        return operation(method, pathTemplate).map(op -> op.path("requestBody").path("required").asBoolean(false))
                .orElse(false);
    }

    /**
     * An operation's parameters, each one given by {@code $ref} replaced by the component it points at (the shared
     * and typed ones are written in src/main/openapi/parameters.yml and referenced).
     */
    List<JsonNode> parameters(JsonNode op) {
        List<JsonNode> parameters = new ArrayList<>();
        op.path("parameters").forEach(p -> parameters.add(p.has("$ref") ? root.at(p.path("$ref").asText().substring(1)) : p));
        return parameters;
    }

    /** The names of the query parameters an operation declares, plus what its security schemes put in the query. */
    Set<String> queryParameters(String method, String pathTemplate) {
        JsonNode op = operation(method, pathTemplate).orElseThrow();
        Set<String> names = new java.util.TreeSet<>();
        parameters(op).forEach(p -> {
            if ("query".equals(p.path("in").asText())) {
                names.add(p.path("name").asText());
            }
        });
        op.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(scheme -> {
            JsonNode s = root.path("components").path("securitySchemes").path(scheme);
            if ("apiKey".equals(s.path("type").asText()) && "query".equals(s.path("in").asText())) {
                names.add(s.path("name").asText());
            }
        }));
        return names;
    }

    /** A schema anywhere in the document, by JSON pointer; its {@code $ref}s resolve within the document. */
    JsonSchema schemaAt(String pointer) {
        return factory.getSchema(SchemaLocation.of(IRI + "#" + pointer), config);
    }

    static Set<ValidationMessage> validate(JsonSchema schema, JsonNode value) {
        return schema.validate(value);
    }

    /** A JSON pointer (RFC 6901) from raw tokens. */
    static String pointer(String... tokens) {
        StringBuilder out = new StringBuilder();
        for (String t : tokens) {
            out.append('/').append(t.replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }

    /** Every place a named example is used: the pointer of the sibling schema, and the example's name. */
    List<Map.Entry<String, String>> exampleUses() {
        List<Map.Entry<String, String>> uses = new ArrayList<>();
        collectExampleUses(root.path("paths"), new ArrayList<>(List.of("paths")), uses);
        return uses;
    }

    private static void collectExampleUses(JsonNode node, List<String> at, List<Map.Entry<String, String>> uses) {
        if (!node.isContainerNode()) {
            return;
        }
        if (node.has("schema") && node.path("examples").isObject()) {
            node.path("examples").fields().forEachRemaining(e -> {
                String ref = e.getValue().path("$ref").asText("");
                String name = ref.startsWith("#/components/examples/") ? ref.substring("#/components/examples/".length())
                        : null;
                List<String> schemaAt = new ArrayList<>(at);
                schemaAt.add("schema");
                uses.add(Map.entry(pointer(schemaAt.toArray(String[]::new)), name == null ? "inline:" + e.getKey() : name));
            });
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                List<String> next = new ArrayList<>(at);
                next.add(field.getKey());
                collectExampleUses(field.getValue(), next, uses);
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                List<String> next = new ArrayList<>(at);
                next.add(Integer.toString(i));
                collectExampleUses(node.get(i), next, uses);
            }
        }
    }
}
