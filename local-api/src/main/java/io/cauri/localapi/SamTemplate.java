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

    private SamTemplate(List<Function> functions) {
        this.functions = functions;
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
        map(root.get("Resources")).forEach((name, value) -> {
            Map<String, Object> resource = map(value);
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> properties = map(resource.get("Properties"));
            List<Route> routes = new ArrayList<>();
            map(properties.get("Events")).values().forEach(e -> {
                Map<String, Object> event = map(e);
                if ("HttpApi".equals(event.get("Type"))) {
                    Map<String, Object> p = map(event.get("Properties"));
                    Object method = p.getOrDefault("Method", "ANY");
                    Object path = p.getOrDefault("Path", Route.DEFAULT);
                    routes.add(new Route(String.valueOf(method), String.valueOf(path), name));
                }
            });
            if (routes.isEmpty()) {
                return; // not called through the HTTP API (a stream or queue consumer): nothing to serve
            }
            String codeUri = string(properties, globals, "CodeUri", name);
            String handler = string(properties, globals, "Handler", name);
            // Lambda also accepts "Class::method"; a RequestHandler is called through handleRequest anyway.
            handler = handler.split("::")[0];
            functions.add(new Function(name, baseDir.resolve(codeUri).normalize(), handler, List.copyOf(routes)));
        });
        return new SamTemplate(List.copyOf(functions));
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
