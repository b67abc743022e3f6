package io.cauri.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * Does not make each invocation's Lambda {@link Context} a bean. Micronaut's default registers the context,
 * its logger, client context and identity as singletons on every invocation; each registration makes the
 * bean context look again through every bean definition and drops its resolution caches, so that the
 * controller itself is then resolved the slow way. Measured with bench/latency on create-intent, that was
 * three quarters of the handler's own CPU, and the handler took more than twice as long as the DynamoDB calls
 * it makes (about 1.2 times without it).
 * <p>
 * Nothing in Cauri injects or looks up the Lambda context (as a singleton it would be stale after its own
 * invocation anyway). What a request may need of it, such as API Gateway's request id, is in the event.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public class UnregisteredLambdaContextFactory implements LambdaContextFactory {
    @Override
    public void registerSingletons(Context context) {
        // deliberately nothing
    }
}
