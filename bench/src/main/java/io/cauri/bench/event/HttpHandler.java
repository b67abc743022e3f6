package io.cauri.bench.event;

import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * The HTTP functions' Lambda handler as template.yaml names it ({@code Globals.Function.Handler}), built the way
 * Lambda builds it: by name, with its no-arg constructor. {@code -Dbench.handler=<class>} measures another
 * (Micronaut's own {@code io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction}, for instance).
 */
public final class HttpHandler {
    public static final String TEMPLATE_HANDLER = "io.cauri.lambda.ApiGatewayHandler";

    private HttpHandler() {
    }

    public static APIGatewayV2HTTPEventFunction create() throws ReflectiveOperationException {
        String name = System.getProperty("bench.handler", TEMPLATE_HANDLER);
        return (APIGatewayV2HTTPEventFunction) Class.forName(name).getConstructor().newInstance();
    }
}
