package io.cauri.correlation;

import io.cauri.id.Ids;

import java.util.Optional;

/**
 * The id of what caused the work the current thread does: the request's {@code req_…} id (the one of its
 * {@code Request-Id} header and error bodies) while a request is served, a sweep's {@code sweep_…} id during an
 * expiry or settling sweep, a queue message's {@code msg_…} id while a provider event or a payout check is applied.
 * The store writes it on every intent, refund and transfer item it stores, the stream publisher puts it into the
 * events that write causes, and the dispatcher sends it as {@code Cauri-Correlation-Id} (docs/CONTRACT.md §5).
 * <p>
 * Carried by the thread rather than by every write method's parameters: the domain services that change intents,
 * refunds and transfers stay as they are, and only the entry points (the request filter, the queue and sweep
 * handlers, the in-process schedulers) open a scope. Every entry point runs its work on its own thread from start
 * to end (a Lambda invocation, one request of local-api, one scheduled delivery), which is what makes a thread's
 * value the right one. Outside any scope there is none, and nothing is written.
 */
public final class Correlation {
    /** A request's id ({@code Request-Id}). */
    public static final String REQUEST = Ids.REQUEST;
    /** One run of the expiry and settling sweep. */
    public static final String SWEEP = "sweep_";
    /** One queue message applied: a provider event (a payer's answer, a closing window) or a payout check. */
    public static final String MESSAGE = "msg_";
    /** The longest id carried: a prefix and a queue's message id (SQS: a UUID) fit with room to spare. */
    public static final int MAX_LENGTH = 80;

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Correlation() {
    }

    /** The id of the current scope, if one is open on this thread. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Ends whatever scope this thread still has open: the Lambda handler calls it after every invocation, so a
     * request whose response filter never ran (a failure escaping the framework) leaves nothing to the next one.
     */
    public static void clear() {
        CURRENT.remove();
    }

    /** A new id with one of the prefixes above ({@code sweep_…}, {@code msg_…}). */
    public static String newId(String prefix) {
        return Ids.next(prefix);
    }

    /**
     * Makes {@code id} the current one on this thread until the scope is closed, which restores the one before.
     * Refuses an id that could not travel as a header value or a message attribute as it is.
     */
    public static Scope open(String id) {
        if (!valid(id)) {
            throw new IllegalArgumentException("a correlation id is 1-" + MAX_LENGTH + " characters of [A-Za-z0-9_.-]");
        }
        String before = CURRENT.get();
        Thread owner = Thread.currentThread();
        CURRENT.set(id);
        return () -> {
            if (Thread.currentThread() == owner) {
                if (before == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(before);
                }
            }
        };
    }

    /** Whether {@code id} is one this class carries: bounded, and only characters safe in any header or log line. */
    public static boolean valid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** An open scope; closing it (on the thread that opened it) restores the id before it. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
