package io.cauri.localapi;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The functions and HTTP API routes of a SAM template, read the way {@code sam local start-api} reads them:
 * every {@code AWS::Serverless::Function} with {@code HttpApi} events, its {@code CodeUri} (the shaded jar,
 * relative to the template) and its {@code Handler} (either may come from {@code Globals.Function}).
 * template.yaml stays the single source of truth for routes.
 */
public final class SamTemplate {

    /** A Lambda function of the template: which jar, which handler class, which routes. */
    public record Function(String name, Path jar, String handler, List<Route> routes) {
    }

    private final List<Function> functions;
    private final Map<String, Function> consumers;
    /** Per function, the tables whose streams its DynamoDB event sources read (logical names, template order). */
    private final Map<String, List<String>> streams;

    private SamTemplate(List<Function> functions, Map<String, Function> consumers, Map<String, List<String>> streams) {
        this.functions = functions;
        this.consumers = consumers;
        this.streams = streams;
    }

    public static SamTemplate load(Path template) {
        Map<String, Object> root;
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            root = map(new Yaml(new CloudFormationConstructor()).load(reader));
        } catch (IOException e) {
            throw new StartupException("cannot read the SAM template " + template.toAbsolutePath()
                    + " (run from the repository root, or pass --template PATH)", e);
        } catch (YAMLException e) {
            throw new StartupException(template + " is not valid YAML: " + e.getMessage(), e);
        }
        Path baseDir = template.toAbsolutePath().getParent();
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        List<Function> functions = new ArrayList<>();
        Map<String, Function> consumers = new java.util.LinkedHashMap<>();
        Map<String, List<String>> streams = new java.util.LinkedHashMap<>();
        map(root.get("Resources")).forEach((name, value) -> {
            Map<String, Object> resource = map(value);
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> properties = map(resource.get("Properties"));
            List<Route> routes = new ArrayList<>();
            map(properties.get("Events")).values().forEach(e -> {
                Map<String, Object> event = map(e);
                // Stream: !GetAtt Table.StreamArn (the short form reads as "Table.StreamArn")
                if ("DynamoDB".equals(event.get("Type"))
                        && map(event.get("Properties")).get("Stream") instanceof String stream
                        && stream.endsWith(".StreamArn")) {
                    streams.computeIfAbsent(name, k -> new ArrayList<>())
                            .add(stream.substring(0, stream.length() - ".StreamArn".length()));
                }
                if ("HttpApi".equals(event.get("Type"))) {
                    Map<String, Object> p = map(event.get("Properties"));
                    Object method = p.getOrDefault("Method", "ANY");
                    Object path = p.getOrDefault("Path", Route.DEFAULT);
                    routes.add(new Route(String.valueOf(method), String.valueOf(path), name));
                }
            });
            if (routes.isEmpty()) {
                // not called through the HTTP API (a stream or queue consumer): nothing to serve, but the event
                // pipeline may run it (see consumer)
                if (properties.get("CodeUri") instanceof String && properties.get("Handler") instanceof String handler) {
                    consumers.put(name, new Function(name, baseDir.resolve((String) properties.get("CodeUri")).normalize(),
                            handler.split("::")[0], List.of()));
                }
                return;
            }
            String codeUri = string(properties, globals, "CodeUri", name);
            String handler = string(properties, globals, "Handler", name);
            // Lambda also accepts "Class::method"; a RequestHandler is called through handleRequest anyway.
            handler = handler.split("::")[0];
            functions.add(new Function(name, baseDir.resolve(codeUri).normalize(), handler, List.copyOf(routes)));
        });
        return new SamTemplate(List.copyOf(functions), java.util.Collections.unmodifiableMap(consumers),
                java.util.Collections.unmodifiableMap(streams));
    }

    /** The tables (logical names) whose streams feed {@code function}'s DynamoDB event sources, in template order. */
    public List<String> streamsOf(String function) {
        return List.copyOf(streams.getOrDefault(function, List.of()));
    }

    /** A function without HttpApi routes (a stream or queue consumer), by its logical name, if the template has it. */
    public java.util.Optional<Function> consumer(String logicalName) {
        return java.util.Optional.ofNullable(consumers.get(logicalName));
    }

    /** The functions with at least one HttpApi route, in template order. */
    public List<Function> functions() {
        return functions;
    }

    public List<Route> routes() {
        return functions.stream().flatMap(f -> f.routes().stream()).toList();
    }

    private static String string(Map<String, Object> properties, Map<String, Object> globals, String key, String fn) {
        Object value = properties.getOrDefault(key, globals.get(key));
        if (!(value instanceof String s)) {
            throw new StartupException(fn + ": " + key + " must be a local path or class name in the template, not "
                    + value);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /**
     * SnakeYAML's safe constructor, plus: any unknown tag ({@code !Ref}, {@code !GetAtt}, {@code !Sub}…, the
     * CloudFormation short forms) yields its plain scalar, list or map instead of failing. No intrinsic is
     * evaluated; CodeUri, Handler, Method and Path are literals in any template SAM can run locally.
     */
    static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (node instanceof ScalarNode scalar) {
                        return constructScalar(scalar);
                    }
                    if (node instanceof SequenceNode sequence) {
                        return constructSequence(sequence);
                    }
                    return constructMapping((MappingNode) node);
                }
            });
        }
    }
}
