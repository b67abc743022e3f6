package io.cauri.localapi;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.cauri.id.Ids;
import org.junit.jupiter.api.Test;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each function sees its own jar, the JDK and the Lambda runtime classes: nothing of local-api or of another function. */
class FunctionLoaderTest {

    private static final List<SamTemplate.Function> FUNCTIONS = SamTemplate.load(Path.of("../template.yaml")).functions();

    @Test
    void isolatesFunctionsFromEachOtherAndFromLocalApi() throws Exception {
        try (URLClassLoader create = FunctionLoader.classLoader(FUNCTIONS.get(0));
             URLClassLoader retrieve = FunctionLoader.classLoader(FUNCTIONS.get(1))) {
            Class<?> idsInCreate = create.loadClass(Ids.class.getName());
            assertNotSame(Ids.class, idsInCreate, "shared-model comes from the function's own jar");
            assertNotSame(idsInCreate, retrieve.loadClass(Ids.class.getName()), "and is not shared between functions");
            assertSame(create, idsInCreate.getClassLoader());

            assertThrows(ClassNotFoundException.class, () -> create.loadClass(LocalApi.class.getName()));
            assertThrows(ClassNotFoundException.class, () -> create.loadClass("org.yaml.snakeyaml.Yaml"));
        }
    }

    @Test
    void sharesTheLambdaRuntimeInterfacesAndEventsWithLocalApi() throws Exception {
        try (URLClassLoader create = FunctionLoader.classLoader(FUNCTIONS.get(0))) {
            assertSame(RequestHandler.class, create.loadClass(RequestHandler.class.getName()));
            assertSame(APIGatewayV2HTTPEvent.class, create.loadClass(APIGatewayV2HTTPEvent.class.getName()));
            assertSame(String.class, create.loadClass("java.lang.String"));
            assertSame(java.sql.Timestamp.class, create.loadClass("java.sql.Timestamp"), "platform modules are visible");
        }
    }

    @Test
    void searchesTheExtraClasspathAfterTheFunctionsOwnJarOnlyWhenAsked(@org.junit.jupiter.api.io.TempDir Path extra) throws Exception {
        java.nio.file.Files.writeString(extra.resolve("cost-marker.txt"), "bench");
        try (URLClassLoader plain = FunctionLoader.classLoader(FUNCTIONS.get(0))) {
            assertSame(null, plain.getResource("cost-marker.txt"));
        }
        System.setProperty(FunctionLoader.EXTRA_CLASSPATH, extra.toString());
        try (URLClassLoader withExtra = FunctionLoader.classLoader(FUNCTIONS.get(0))) {
            assertNotSame(null, withExtra.getResource("cost-marker.txt"));
            assertSame(withExtra, withExtra.loadClass(Ids.class.getName()).getClassLoader(), "the function's jar still comes first");
        } finally {
            System.clearProperty(FunctionLoader.EXTRA_CLASSPATH);
        }
    }
}
