package io.cauri.openapi;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The document is generated from this module's route-group interfaces, not from the function controllers that
 * serve the routes, so the two must not drift: every route a controller serves is described by an interface
 * with the same method, path, path and query parameters, consumed and produced types, and no interface
 * describes a route no controller serves.
 */
class ApiInterfacesMatchControllersTest {

    @Test
    void everyControllerRouteIsDescribedByAnInterfaceWithTheSameSignature() throws Exception {
        List<Class<?>> controllers = new ArrayList<>();
        List<Class<?>> interfaces = new ArrayList<>();
        for (Class<?> type : cauriClasses()) {
            if (type.isAnnotationPresent(Controller.class)) {
                (type.isInterface() ? interfaces : controllers).add(type);
            }
        }
        assertTrue(controllers.size() >= 20, "controllers found: " + controllers);
        assertTrue(interfaces.stream().allMatch(i -> i.getPackageName().equals("io.cauri.openapi")), interfaces.toString());
        Set<String> served = routes(controllers);
        Set<String> described = routes(interfaces);
        assertTrue(served.size() >= 25, "routes read: " + served);
        assertEquals(served, described, "controllers' routes (expected) and the OpenAPI interfaces' routes (actual)");
    }

    /** "METHOD /path consumes=… produces=… path=[…] query=[…]" for each route method of the given classes. */
    private static Set<String> routes(List<Class<?>> types) {
        Set<String> routes = new TreeSet<>();
        for (Class<?> type : types) {
            String base = type.getAnnotation(Controller.class).value();
            for (Method m : type.getDeclaredMethods()) {
                String route = route(base, m);
                if (route != null) {
                    routes.add(route);
                }
            }
        }
        return routes;
    }

    private static String route(String base, Method m) {
        Get get = m.getAnnotation(Get.class);
        Post post = m.getAnnotation(Post.class);
        Patch patch = m.getAnnotation(Patch.class);
        Put put = m.getAnnotation(Put.class);
        Delete delete = m.getAnnotation(Delete.class);
        String verb;
        String uri;
        String[] consumes;
        String[] produces;
        if (get != null) {
            verb = "GET"; uri = uri(get.value(), get.uri()); consumes = get.consumes(); produces = get.produces();
        } else if (post != null) {
            verb = "POST"; uri = uri(post.value(), post.uri()); consumes = post.consumes(); produces = post.produces();
        } else if (patch != null) {
            verb = "PATCH"; uri = uri(patch.value(), patch.uri()); consumes = patch.consumes(); produces = patch.produces();
        } else if (put != null) {
            verb = "PUT"; uri = uri(put.value(), put.uri()); consumes = put.consumes(); produces = put.produces();
        } else if (delete != null) {
            verb = "DELETE"; uri = uri(delete.value(), delete.uri()); consumes = delete.consumes(); produces = delete.produces();
        } else {
            return null;
        }
        Produces producesAnnotation = m.getAnnotation(Produces.class);
        if (producesAnnotation != null) {
            produces = producesAnnotation.value();
        }
        List<String> path = new ArrayList<>();
        List<String> query = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            PathVariable pathVariable = p.getAnnotation(PathVariable.class);
            if (pathVariable != null) {
                path.add(pathVariable.value().isEmpty() ? p.getName() : pathVariable.value());
            }
            QueryValue queryValue = p.getAnnotation(QueryValue.class);
            if (queryValue != null) {
                query.add(queryValue.value().isEmpty() ? p.getName() : queryValue.value());
            }
        }
        return verb + " " + (base + "/" + uri).replaceAll("/+", "/").replaceAll("(.)/$", "$1") + " consumes=" + Arrays.toString(consumes) + " produces="
                + Arrays.toString(produces) + " path=" + path + " query=" + query + " returns=" + m.getGenericReturnType()
                .getTypeName();
    }

    /** A route annotation's {@code value} and {@code uri} are aliases, both "/" when not given. */
    private static String uri(String value, String uri) {
        return "/".equals(value) ? uri : value;
    }

    /** Every top-level class under io/cauri/ on the classpath: the function jars' and this module's own. */
    private static List<Class<?>> cauriClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> names = new TreeSet<>();
        ClassLoader loader = ApiInterfacesMatchControllersTest.class.getClassLoader();
        for (Enumeration<URL> roots = loader.getResources("io/cauri"); roots.hasMoreElements(); ) {
            URL root = roots.nextElement();
            if (root.getProtocol().equals("jar")) {
                try (JarFile jar = ((JarURLConnection) root.openConnection()).getJarFile()) {
                    jar.stream().map(e -> e.getName()).filter(ApiInterfacesMatchControllersTest::isTopLevelClass)
                            .forEach(names::add);
                }
            } else {
                Path dir = Path.of(root.toURI()).getParent().getParent();
                try (Stream<Path> files = Files.walk(dir.resolve("io/cauri"))) {
                    files.map(f -> dir.relativize(f).toString().replace('\\', '/'))
                            .filter(ApiInterfacesMatchControllersTest::isTopLevelClass).forEach(names::add);
                }
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            classes.add(Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader));
        }
        return classes;
    }

    private static boolean isTopLevelClass(String entry) {
        return entry.endsWith(".class") && !entry.contains("$") && !entry.endsWith("package-info.class")
                && !entry.endsWith("module-info.class");
    }
}
