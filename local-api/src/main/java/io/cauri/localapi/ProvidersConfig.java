package io.cauri.localapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live connectors of a local run: {@code --providers-config FILE}, or the simulators of
 * {@code --simulated-providers}. One JSON object per connector, the same flat object of strings a deployment keeps
 * in its secret store ({@code ConnectorSettings}):
 * <pre>
 * {"mtn-momo": {"baseUrl", "subscriptionKey", "apiUser", "apiKey", "targetEnvironment", "currency"[, "callbackUrl"]},
 *  "wave":     {"baseUrl", "apiKey", "webhookSecret"[, "signingSecret"]},
 *  "fedapay":  {"baseUrl", "secretKey", "webhookSecret"}}
 * </pre>
 * Exactly the connectors present are enabled. The file is checked whole before anything starts; a message about it
 * names the connector and the key, never a value (they are credentials).
 */
final class ProvidersConfig {
    static final String ENABLED = "cauri.connectors.enabled";
    static final String PREFIX = "cauri.connectors.";

    private static final Map<String, Set<String>> REQUIRED = Map.of(
            "mtn-momo", Set.of("baseUrl", "subscriptionKey", "apiUser", "apiKey", "targetEnvironment", "currency"),
            "wave", Set.of("baseUrl", "apiKey", "webhookSecret"),
            "fedapay", Set.of("baseUrl", "secretKey", "webhookSecret"));
    private static final Map<String, Set<String>> OPTIONAL = Map.of(
            "mtn-momo", Set.of("callbackUrl"),
            "wave", Set.of("signingSecret"),
            "fedapay", Set.of());

    private final Map<String, Map<String, String>> connectors;

    ProvidersConfig(Map<String, Map<String, String>> connectors) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        connectors.forEach((name, settings) -> copy.put(name, Map.copyOf(settings)));
        this.connectors = java.util.Collections.unmodifiableMap(copy);
    }

    /** Reads and checks the file; a {@link StartupException} says what is wrong with it. */
    static ProvidersConfig read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StartupException("cannot read --providers-config " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the file's text: only where it broke
            throw new StartupException("--providers-config " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new StartupException("cannot read --providers-config " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new StartupException("--providers-config " + file + ": " + e.getMessage());
        }
    }

    static ProvidersConfig parse(JsonNode root) {
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalArgumentException("expected a JSON object with one or more of " + known());
        }
        Map<String, Map<String, String>> connectors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            if (!REQUIRED.containsKey(name)) {
                throw new IllegalArgumentException("unknown connector \"" + name + "\" (known: " + known() + ")");
            }
            if (!entry.getValue().isObject()) {
                throw new IllegalArgumentException(name + " must be an object of strings");
            }
            Map<String, String> settings = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = entry.getValue().fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                if (!REQUIRED.get(name).contains(key) && !OPTIONAL.get(name).contains(key)) {
                    throw new IllegalArgumentException(name + "." + key + " is not a setting of " + name + " (expected "
                            + String.join(", ", sorted(REQUIRED.get(name))) + optionalText(name) + ")");
                }
                if (!field.getValue().isTextual() || field.getValue().asText().isBlank()) {
                    throw new IllegalArgumentException(name + "." + key + " must be a non-empty string");
                }
                settings.put(key, field.getValue().asText().strip());
            }
            List<String> missing = new ArrayList<>(sorted(REQUIRED.get(name)));
            missing.removeAll(settings.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(name + " lacks " + String.join(", ", missing));
            }
            checkUrl(name, "baseUrl", settings.get("baseUrl"));
            if (settings.containsKey("callbackUrl")) {
                checkUrl(name, "callbackUrl", settings.get("callbackUrl").replace("{paymentId}", "x"));
            }
            connectors.put(name, settings);
        }
        return new ProvidersConfig(connectors);
    }

    /** The connectors enabled, in the file's order. */
    Set<String> names() {
        return connectors.keySet();
    }

    Map<String, Map<String, String>> connectors() {
        return connectors;
    }

    /**
     * The functions' configuration ({@code cauri.connectors.enabled} and {@code cauri.connectors.<name>.<key>}, read by
     * their property-backed {@code ConnectorSettings}); none of an earlier run in this JVM survives.
     */
    void apply() {
        clear();
        System.setProperty(ENABLED, String.join(",", connectors.keySet()));
        connectors.forEach((name, settings) -> settings.forEach((key, value) ->
                System.setProperty(PREFIX + name + "." + key, value)));
    }

    /** No live connector: the properties of an earlier run in this JVM (tests) are cleared. */
    static void clear() {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                System.clearProperty(name);
            }
        }
    }

    @Override
    public String toString() {
        return "ProvidersConfig" + connectors.keySet(); // never the values
    }

    private static void checkUrl(String connector, String key, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new IllegalArgumentException(connector + "." + key + " must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(connector + "." + key + " is not a URL");
        }
    }

    private static String known() {
        return String.join(", ", sorted(REQUIRED.keySet()));
    }

    private static String optionalText(String name) {
        return OPTIONAL.get(name).isEmpty() ? "" : "; optional " + String.join(", ", sorted(OPTIONAL.get(name)));
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
