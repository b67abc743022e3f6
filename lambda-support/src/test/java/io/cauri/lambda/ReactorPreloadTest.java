package io.cauri.lambda;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reactor's two largest classes linked ahead of Micronaut; never a failure where they are missing. */
class ReactorPreloadTest {

    @Test
    void linksFluxAndMonoFromTheFunctionsLoader() {
        assertEquals(2, ReactorPreload.link(ReactorPreload.class.getClassLoader()));
    }

    @Test
    void aLoaderWithoutReactorLinksNothingAndDoesNotThrow() throws Exception {
        try (URLClassLoader jdkOnly = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertEquals(0, ReactorPreload.link(jdkOnly));
        }
    }
}
