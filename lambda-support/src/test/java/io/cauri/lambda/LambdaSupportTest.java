package io.cauri.lambda;

import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalRepositories;
import io.micronaut.function.aws.LambdaContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lambda glue every function jar carries, in a function's real handler context on DynamoDB Local. */
class LambdaSupportTest {
    static LocalFunction function;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @Test
    void invocationsDoNotRegisterTheLambdaContextAsABean() {
        assertInstanceOf(UnregisteredLambdaContextFactory.class, function.context().getBean(LambdaContextFactory.class));
        LocalFunction.Response response = function.handle(ApiGatewayEvents.get("/no-such-route"));
        assertEquals(404, response.status()); // still answered, as JSON, through the whole request path
        response.json();
        assertFalse(function.context().containsBean(com.amazonaws.services.lambda.runtime.Context.class));
    }

    @Test
    void primingRunsEveryStepAndWritesNothing() {
        int intents = DynamoDbLocal.shared().intentCount();
        assertTrue(function.context().getBean(SnapStartPriming.class).prime());
        assertEquals(intents, DynamoDbLocal.shared().intentCount());
        assertTrue(LocalRepositories.merchants().find(SnapStartPriming.MERCHANT).isEmpty());
    }
}
