package io.cauri.bench.latency;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the requests the function's own DynamoDB client sends while {@link #recording} is on, so that the
 * latency bench replays exactly the calls the route made. Registered as an SDK global interceptor by this
 * jar's {@code software/amazon/awssdk/global/handlers/execution.interceptors} (only bench/latency and
 * bench/jar-check run with it; the cold start does not). Off, it costs one volatile read per call, on both
 * sides of the comparison.
 */
public final class CallRecorder implements ExecutionInterceptor {
    private static volatile boolean recording;
    private static final List<SdkRequest> RECORDED = new ArrayList<>();

    static synchronized List<SdkRequest> record(Runnable action) {
        RECORDED.clear();
        recording = true;
        try {
            action.run();
        } finally {
            recording = false;
        }
        return List.copyOf(RECORDED);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        if (recording) {
            synchronized (CallRecorder.class) {
                RECORDED.add(context.request());
            }
        }
    }
}
