package io.cauri.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** template.yaml (what API Gateway routes) and the generated document describe the same routes. */
class OpenApiCompletenessTest {

    static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();

    /** Every HttpApi route of every function in the SAM template, as "METHOD /path" (CORS preflights aside). */
    static Set<String> templateRoutes() throws Exception {
        // Jackson's YAML reader keeps the values of CloudFormation's short tags (!Ref, !GetAtt…) as plain scalars.
        JsonNode resources = new YAMLMapper().readTree(TEMPLATE.toFile()).path("Resources");
        Set<String> routes = new TreeSet<>();
        resources.fields().forEachRemaining(resource -> resource.getValue().path("Properties").path("Events").forEach(event -> {
            // OPTIONS routes are CORS preflights, answered by a filter: no operation of the API
            if ("HttpApi".equals(event.path("Type").asText())
                    && !"OPTIONS".equalsIgnoreCase(event.path("Properties").path("Method").asText())) {
                JsonNode p = event.path("Properties");
                routes.add(p.path("Method").asText().toUpperCase(Locale.ROOT) + " " + p.path("Path").asText());
            }
        }));
        return routes;
    }

    @Test
    void everyRouteOfTheTemplateIsInTheDocument() throws Exception {
        Set<String> routes = templateRoutes();
        assertTrue(routes.size() >= 25, "template.yaml routes read: " + routes);
        List<String> missing = routes.stream().filter(r -> !DOCUMENT.routes().contains(r)).toList();
        assertEquals(List.of(), missing, "routes of template.yaml the OpenAPI document lacks (list the controller in CauriApi)");
    }

    @Test
    void theDocumentDescribesNoRouteThatApiGatewayDoesNotServe() throws Exception {
        Set<String> routes = templateRoutes();
        List<String> extra = DOCUMENT.routes().stream().filter(r -> !routes.contains(r)).toList();
        assertEquals(List.of(), extra, "operations of the document with no route in template.yaml");
    }

    @Test
    void everyJsonOperationSaysWhoMayCallItAndDocumentsItsErrorsAsApiError() {
        List<String> problems = new ArrayList<>();
        for (String route : DOCUMENT.routes()) {
            String[] parts = route.split(" ", 2);
            if (parts[1].startsWith("/sandbox/") || parts[1].equals("/checkout") || parts[1].startsWith("/pages/")) {
                continue; // the payer's HTML pages and their assets: the id in the path or the token in the query is the capability
            }
            JsonNode op = DOCUMENT.operation(parts[0], parts[1]).orElseThrow();
            if (op.path("summary").asText().isBlank()) {
                problems.add(route + ": no summary");
            }
            // a provider's route is authenticated by its signature header (Cauri's, or the provider's own scheme);
            // MTN MoMo's callback is unsigned by MTN's design, and taken only as a hint (a status read, bounded)
            boolean signed = DOCUMENT.parameters(op).stream().map(p -> p.path("name").asText())
                    .anyMatch(List.of("Cauri-Provider-Signature", "Wave-Signature", "X-FEDAPAY-SIGNATURE")::contains);
            boolean hint = parts[1].equals("/providers/mtn-momo/events/{paymentId}");
            if (!op.path("security").isArray() && !signed && !hint && !parts[1].startsWith("/payment-intents/url/")) {
                problems.add(route + ": no security requirement");
            }
            List<String> errorStatuses = new ArrayList<>();
            op.path("responses").fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("4")) {
                    errorStatuses.add(r.getKey());
                    String ref = r.getValue().path("content").path("application/json").path("schema").path("$ref").asText();
                    if (!ref.equals("#/components/schemas/ApiError")) {
                        problems.add(route + " " + r.getKey() + ": not an ApiError body");
                    }
                }
            });
            if (errorStatuses.isEmpty()) {
                problems.add(route + ": no 4xx response documented");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theSecuritySchemesOfBothFamiliesAreDeclared() {
        JsonNode schemes = DOCUMENT.root().path("components").path("securitySchemes");
        assertEquals("ApiKey", schemes.path("ApiKey").path("name").asText());
        assertEquals("header", schemes.path("ApiKey").path("in").asText());
        assertEquals("bearer", schemes.path("Bearer").path("scheme").asText());
        assertEquals("token", schemes.path("IntentToken").path("name").asText());
        assertEquals("query", schemes.path("IntentToken").path("in").asText());
        JsonNode create = DOCUMENT.operation("POST", "/payment-intents").orElseThrow();
        assertTrue(DOCUMENT.parameters(create).stream().map(p -> p.path("name").asText()).toList()
                .containsAll(List.of("MerchantId", "Environment", "Idempotency-Key")), create.toString());
        assertEquals("Bearer", DOCUMENT.operation("POST", "/api/v1/payment-intents").orElseThrow()
                .path("security").path(0).fieldNames().next());
        assertFalse(DOCUMENT.operation("GET", "/payment-intents/{id}/status").orElseThrow()
                .path("security").findParents("IntentToken").isEmpty());
    }
}
