package io.cauri.web.log;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.cauri.aws.Emf;
import io.cauri.correlation.Correlation;
import io.cauri.id.Ids;
import io.cauri.merchant.Caller;
import io.cauri.metrics.Measurement;
import io.cauri.metrics.Metric;
import io.cauri.metrics.MetricNames;
import io.cauri.metrics.MetricUnit;
import io.cauri.web.guard.SecurityHeadersFilter;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One structured JSON line per request on standard output (which Lambda ships to CloudWatch Logs, where
 * Logs Insights reads the fields): time, request id (ours, the one error bodies and the {@code Request-Id}
 * header carry), API Gateway's request id, the authenticated merchant and mode, method, route template,
 * status, latency in ms, and for a server error the failure's class; and the route's metrics in CloudWatch's
 * Embedded Metric Format ({@link #routeMetrics}), so the same line is the metric.
 * <p>
 * What it never writes: header values, query strings, bodies, the concrete path (the configured-URLs route
 * has the intent's token in its path, hence the route template), exception messages or stack traces. The
 * merchant id is the one a credential was verified for, not whatever the request claimed.
 * <p>
 * Hand-written over Jackson's string encoder rather than a logging framework with a JSON layout: the
 * functions use SLF4J's simple provider for cold start, and this is the only structured line they write.
 */
@ServerFilter(value = "/**", patternStyle = FilterPatternStyle.ANT)
public class RequestLog implements Ordered {
    /** Before every other filter (security headers, request limits, rate limits): their refusals are logged too. */
    public static final int ORDER = SecurityHeadersFilter.ORDER - 10;

    private static final String REQUEST_ID = "cauri.request-id";
    private static final String STARTED = "cauri.request-started";
    private static final String CALLER = "cauri.caller";
    private static final String FAILURE = "cauri.failure";
    private static final String CORRELATION = "cauri.correlation";

    private static volatile PrintStream out = System.out;

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
        // what this request writes carries its id into the events it causes (docs/CONTRACT.md §5)
        request.setAttribute(CORRELATION, Correlation.open(requestId(request)));
    }

    @ResponseFilter
    public void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String requestId = requestId(request);
        request.getAttribute(CORRELATION, Correlation.Scope.class).ifPresent(Correlation.Scope::close);
        if (!response.getHeaders().contains("Request-Id")) {
            response.header("Request-Id", requestId);
        }
        long latencyMs = request.getAttribute(STARTED, Long.class)
                .map(start -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).orElse(-1L);
        write(requestId, request.getAttribute(CALLER, Caller.class).orElse(null), request.getMethodName(),
                BasicHttpAttributes.getUriTemplate(request).orElse("(no route)"), response.code(), latencyMs,
                request.getAttribute(FAILURE, String.class).orElse(null));
    }

    /** One request line; also for requests answered before Micronaut sees them (see ApiGatewayHandler). */
    public static void write(String requestId, Caller caller, String method, String route, int status, long latencyMs,
                             String failure) {
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "time", Instant.now().toString());
        field(line, "level", status >= 500 ? "ERROR" : "INFO");
        field(line, "type", "request");
        field(line, "requestId", requestId);
        field(line, "merchantId", caller == null ? null : caller.merchantId());
        field(line, "mode", caller == null ? null : caller.mode().wire());
        field(line, "method", method);
        field(line, "route", route);
        line.append("\"status\":").append(status).append(',');
        line.append("\"latencyMs\":").append(latencyMs);
        if (failure != null) {
            line.append(',');
            field(line, "failure", failure);
            line.setLength(line.length() - 1);
        }
        line.append(',');
        Emf.appendMembers(line, routeMetrics(route, status, latencyMs), System.currentTimeMillis());
        out.println(line.append('}'));
    }

    /**
     * The route's metrics, carried by the request line itself in CloudWatch's Embedded Metric Format (one line,
     * no call): {@code Requests}, {@code ClientErrors} (4xx), {@code ServerErrors} (5xx), {@code Latency}, by
     * function and by function and route template (the template: a concrete path may hold a token, and would
     * make a dimension value per intent).
     */
    static Measurement routeMetrics(String route, int status, long latencyMs) {
        return new Measurement(
                Map.of(MetricNames.FUNCTION, Emf.FUNCTION_NAME, MetricNames.ROUTE, route == null ? "(no route)" : route),
                ROUTE_DIMENSIONS,
                List.of(new Metric(MetricNames.REQUESTS, MetricUnit.COUNT, 1),
                        new Metric(MetricNames.CLIENT_ERRORS, MetricUnit.COUNT, status >= 400 && status < 500 ? 1 : 0),
                        new Metric(MetricNames.SERVER_ERRORS, MetricUnit.COUNT, status >= 500 ? 1 : 0),
                        new Metric(MetricNames.LATENCY, MetricUnit.MILLISECONDS, Math.max(0, latencyMs))));
    }

    private static final List<List<String>> ROUTE_DIMENSIONS =
            List.of(List.of(MetricNames.FUNCTION), List.of(MetricNames.FUNCTION, MetricNames.ROUTE));

    /** Our id of this request ({@code req_…}), made on first use and kept for the rest of it. */
    public static String requestId(HttpRequest<?> request) {
        return request.getAttribute(REQUEST_ID, String.class).orElseGet(() -> {
            String id = Ids.next(Ids.REQUEST);
            request.setAttribute(REQUEST_ID, id);
            return id;
        });
    }

    /** The caller a credential was verified for: the request line names its merchant and mode. */
    public static Caller authenticated(HttpRequest<?> request, Caller caller) {
        request.setAttribute(CALLER, caller);
        return caller;
    }

    /** A server error's description (a class name, an AWS error code; nothing from the request). */
    public static void failedWith(HttpRequest<?> request, String failure) {
        request.setAttribute(FAILURE, failure);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** Tests read the lines from here. */
    public static void writeTo(PrintStream stream) {
        out = stream;
    }

    /** {@code value} as a JSON string literal, quotes included. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, out);
        return out.append('"').toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":");
        if (value == null) {
            line.append("null");
        } else {
            line.append('"');
            JsonStringEncoder.getInstance().quoteAsString(value, line);
            line.append('"');
        }
        line.append(',');
    }
}
