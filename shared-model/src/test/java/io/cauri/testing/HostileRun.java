package io.cauri.testing;

/**
 * One property's run of hostile requests against one route: counts as it goes, prints the route's figure and
 * checks the whole run when the property ends. A jqwik test class holds one per property (jqwik makes a new
 * instance of the class for each property) and calls {@link #report()} from its {@code @AfterProperty} method.
 */
public final class HostileRun {
    private HostileRequests.Tally tally;

    public LocalFunction.Response check(LocalFunction function, String route, HostileRequests.Request request) {
        if (tally == null) {
            tally = new HostileRequests.Tally(route);
        }
        return HostileRequests.check(function, tally, request);
    }

    public void report() {
        HostileRequests.report(tally);
    }
}
