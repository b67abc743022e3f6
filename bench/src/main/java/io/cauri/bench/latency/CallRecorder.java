package io.cauri.bench.latency;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the requests the function's own DynamoDB client sends, on the thread that handles the event, while
 * {@link #record} runs, so that the latency bench replays exactly the calls the route made (not, say, the call a
 * function makes at init on another thread). Registered as an SDK global interceptor by this jar's
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} (only bench/latency and bench/jar-check run
 * with it; the cold start does not). Off, it costs one volatile read per call, on both sides of the comparison.
 */
public final class CallRecorder implements ExecutionInterceptor {
    private static volatile Thread recorder;
    private static final List<SdkRequest> RECORDED = new ArrayList<>();

    /** The calls {@code action} makes on the calling thread. */
    static synchronized List<SdkRequest> record(Runnable action) {
        RECORDED.clear();
        recorder = Thread.currentThread();
        try {
            action.run();
        } finally {
            recorder = null;
        }
        return List.copyOf(RECORDED);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        if (recorder == Thread.currentThread()) {
            RECORDED.add(context.request()); // only ever the recording thread, which reads RECORDED afterwards
        }
    }
}
