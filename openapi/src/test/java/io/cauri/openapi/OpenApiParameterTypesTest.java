package io.cauri.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request parameter of the document has a real type: the SDKs are generated from it, and a parameter whose
 * schema has no type, or {@code type: object} (what micronaut-openapi writes for a method's @Parameter, whose
 * {@code schema} it does not read), comes out untyped in them. A parameter given by {@code $ref} is judged by the
 * component it points at (src/main/openapi/parameters.yml).
 */
class OpenApiParameterTypesTest {

    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
    private static final String COMPONENT = "#/components/parameters/";

    @Test
    void everyParameterOfEveryOperationHasAScalarOrArrayType() {
        JsonNode root = DOCUMENT.root();
        List<String> problems = new ArrayList<>();
        int seen = 0;
        for (String route : DOCUMENT.routes()) {
            String[] parts = route.split(" ", 2);
            JsonNode op = DOCUMENT.operation(parts[0], parts[1]).orElseThrow();
            for (JsonNode parameter : op.path("parameters")) {
                seen++;
                String ref = parameter.path("$ref").asText("");
                JsonNode resolved = parameter;
                if (!ref.isEmpty()) {
                    resolved = ref.startsWith(COMPONENT)
                            ? root.path("components").path("parameters").path(ref.substring(COMPONENT.length()))
                            : root.at(ref.substring(1));
                    if (!resolved.isObject()) {
                        problems.add(route + ": " + ref + " resolves to nothing");
                        continue;
                    }
                }
                String problem = typeProblem(resolved);
                if (problem != null) {
                    problems.add(route + " " + resolved.path("in").asText() + " " + resolved.path("name").asText() + ": "
                            + problem);
                }
            }
        }
        root.path("components").path("parameters").fields().forEachRemaining(c -> {
            String problem = typeProblem(c.getValue());
            if (problem != null) {
                problems.add(COMPONENT + c.getKey() + ": " + problem);
            }
        });
        assertTrue(seen >= 50, "parameters read: " + seen);
        assertEquals(List.of(), problems, "parameters the SDKs would get untyped");
    }

    /** Why a parameter's schema gives no type (null when it gives one). */
    private static String typeProblem(JsonNode parameter) {
        if (parameter.path("name").asText().isBlank() || parameter.path("in").asText().isBlank()) {
            return "no name or place";
        }
        JsonNode schema = parameter.path("schema");
        if (schema.has("$ref")) {
            schema = DOCUMENT.root().at(schema.path("$ref").asText().substring(1));
        }
        String type = schema.path("type").asText("");
        if (type.isEmpty()) {
            return "schema without a type: " + schema;
        }
        if (type.equals("object")) {
            return "schema of type object: " + schema;
        }
        if (type.equals("array") && schema.path("items").path("type").asText("object").equals("object")
                && !schema.path("items").has("$ref")) {
            return "array of untyped items: " + schema;
        }
        return null;
    }
}
