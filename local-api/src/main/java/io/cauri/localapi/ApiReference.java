package io.cauri.localapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API reference, next to the API it describes: {@code GET /openapi.yaml} is the OpenAPI document the openapi
 * module generates from the controllers, {@code GET /docs} renders it with Swagger UI. Both come from this
 * server's classpath (Swagger UI's scripts as micronaut-openapi ships them), so the page works offline.
 */
final class ApiReference {
    static final String DOCUMENT = "META-INF/swagger/cauri.yml";
    static final String SWAGGER_UI = "META-INF/swagger/views/swagger-ui/res/";
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,80}");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png");
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Cauri API reference</title>
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <link rel="stylesheet" href="/docs/swagger-ui.css">
              <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script>
                window.ui = SwaggerUIBundle({url: "/openapi.yaml", dom_id: "#swagger-ui", deepLinking: true});
              </script>
            </body>
            </html>
            """;

    private ApiReference() {
    }

    /** Adds {@code /openapi.yaml} and {@code /docs} to the server; more specific than its catch-all {@code /}. */
    static void register(HttpServer server) {
        server.createContext("/openapi.yaml", exchange -> respond(exchange, () -> {
            if (!exchange.getRequestURI().getPath().equals("/openapi.yaml")) {
                return null;
            }
            return new Resource(read(DOCUMENT), "application/yaml; charset=utf-8");
        }));
        server.createContext("/docs", exchange -> respond(exchange, () -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/docs") || path.equals("/docs/")) {
                return new Resource(PAGE.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
            }
            String name = path.startsWith("/docs/") ? path.substring("/docs/".length()) : "";
            String extension = name.substring(name.lastIndexOf('.') + 1);
            if (!ASSET.matcher(name).matches() || !TYPES.containsKey(extension)) {
                return null;
            }
            byte[] bytes = read(SWAGGER_UI + name);
            return bytes == null ? null : new Resource(bytes, TYPES.get(extension));
        }));
    }

    private record Resource(byte[] bytes, String contentType) {
    }

    private interface Lookup {
        Resource find() throws IOException;
    }

    private static void respond(HttpExchange exchange, Lookup lookup) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                ApiGatewayEventMapper.writeJson(exchange, 405,
                        "{\"status\":405,\"code\":\"method_not_allowed\",\"message\":\"Use GET.\"}");
                return;
            }
            Resource resource = lookup.find();
            if (resource == null || resource.bytes() == null) {
                ApiGatewayEventMapper.writeJson(exchange, 404,
                        "{\"status\":404,\"code\":\"not_found\",\"message\":\"No such page.\"}");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", resource.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            boolean head = method.equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : resource.bytes().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(resource.bytes());
                }
            }
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = ApiReference.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
