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
    private static volatile java.util.function.Consumer<SdkRequest> action;

    /** Arms the injector: {@code action} runs once, before the first call matching {@code when}. */
    public static synchronized void before(Predicate<SdkRequest> when, Runnable then) {
        beforeRequest(when, request -> then.run());
    }

    /**
     * Arms the injector with an action given the matching request, e.g. to send that very request first, so that
     * the call itself becomes what the SDK's retry of a write that had landed sees: its own condition failing.
     */
    public static synchronized void beforeRequest(Predicate<SdkRequest> when,
                                                  java.util.function.Consumer<SdkRequest> then) {
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
        java.util.function.Consumer<SdkRequest> run = null;
        synchronized (FaultInjector.class) {
            if (trigger != null && trigger.test(context.request())) {
                run = action;
                trigger = null;
                action = null;
            }
        }
        if (run != null) {
            run.accept(context.request());
        }
    }
}
