package io.cauri.testing;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.function.Predicate;

/**
 * Runs an action (e.g. stopping DynamoDB) just before the first SDK call that matches a condition is sent:
 * a fault in the middle of a request, between two of its calls. A global SDK interceptor (registered in this
 * test jar's {@code execution.interceptors}), so the functions' production clients are used unchanged.
 */
public final class FaultInjector implements ExecutionInterceptor {
    private static volatile Predicate<SdkRequest> trigger;
    private static volatile Runnable action;

    /** Arms the injector: {@code action} runs once, before the first call matching {@code when}. */
    public static synchronized void before(Predicate<SdkRequest> when, Runnable then) {
        trigger = when;
        action = then;
    }

    public static synchronized void disarm() {
        trigger = null;
        action = null;
    }

    /** Whether the armed action has run. */
    public static boolean fired() {
        return trigger == null;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Runnable run = null;
        synchronized (FaultInjector.class) {
            if (trigger != null && trigger.test(context.request())) {
                run = action;
                trigger = null;
                action = null;
            }
        }
        if (run != null) {
            run.run();
        }
    }
}
