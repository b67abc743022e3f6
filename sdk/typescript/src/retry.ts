// The SDK's one HTTP path: authentication headers, an Idempotency-Key on every POST, a timeout per try, and retries.
// A 429 did nothing: it is retried for every method, with the key of the first try. A 503, a timeout or a broken
// connection may or may not have taken effect: retried only for GET, HEAD, PUT, DELETE and OPTIONS, whose repeat
// does no more than one. A POST is not repeated then: the API keeps its Idempotency-Key locked for a while after a
// 5xx (a repeat would get 409 idempotency_key_in_use and hide the 503), and the caller must read the object to
// learn whether it took effect (README "Safe retries"). A POST whose connection was refused sent nothing: retried.
import { randomUUID } from 'node:crypto';

export interface RetryOptions {
  /** Retries after the first try (default 2: three tries at most). 0 disables retries. */
  maxRetries?: number;
  /** First backoff; doubles per retry (default 500 ms). */
  baseDelayMs?: number;
  /** Longest backoff, and longest `Retry-After` the SDK waits for (default 20 s); a longer one is answered at once. */
  maxDelayMs?: number;
  /** For tests: replaces the timer. */
  sleep?: (ms: number) => Promise<void>;
  /** For tests: replaces Math.random (the jitter). */
  random?: () => number;
}

/** Methods whose repeat has the effect of one try, whatever became of the first. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** Default time for one try, answer body included. */
export const DEFAULT_TIMEOUT_MS = 60_000;
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Milliseconds the server asked to wait, from `Retry-After`: a non-negative integer of seconds or an IMF-fixdate
 * (RFC 9110 §10.2.3); undefined if absent or anything else (then the backoff applies). Date.parse alone would read
 * "-1" or "1.5" as dates of 2001, i.e. a retry at once.
 */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!IMF_FIXDATE.test(v)) return undefined;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function retryableStatus(status: number, idempotentMethod: boolean): boolean {
  return status === 429 || (status === 503 && idempotentMethod);
}

/** A connection refused: the request was not sent, so even a POST may be tried again. */
function connectionRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return cause?.code === 'ECONNREFUSED';
}

/** Exponential backoff with full jitter in its upper half: base·2^retry, capped, times [0.5, 1). */
export function backoffMs(retry: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 20_000;
  const exp = Math.min(cap, base * 2 ** retry);
  return Math.round(exp * (0.5 + 0.5 * (options.random ?? Math.random)()));
}

/**
 * A fetch that adds `headers` (the caller's own values win), an Idempotency-Key to each POST that has none, gives
 * each try `timeoutMs`, and retries as the top of this file says, after `Retry-After` when given (if within
 * maxDelayMs) or the backoff. The caller's own abort is never retried.
 */
export function retryingFetch(fetchImpl: typeof fetch, headers: (url: URL) => Record<string, string>, options: RetryOptions = {},
  timeoutMs: number = DEFAULT_TIMEOUT_MS): typeof fetch {
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be a positive number of milliseconds');
  const maxRetries = options.maxRetries ?? 2;
  const maxDelay = options.maxDelayMs ?? 20_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const first = new Request(input, init);
    const merged = new Headers(headers(new URL(first.url)));
    first.headers.forEach((value, name) => merged.set(name, value));
    if (first.method === 'POST' && !merged.has('Idempotency-Key')) {
      merged.set('Idempotency-Key', randomUUID());
    }
    // Read once so that every try sends the same bytes.
    const body = first.body === null ? undefined : await first.arrayBuffer();
    const idempotentMethod = IDEMPOTENT_METHODS.has(first.method);
    const callerSignal: AbortSignal | undefined = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    for (let retry = 0; ; retry++) {
      const signal = AbortSignal.any([callerSignal, AbortSignal.timeout(timeoutMs)].filter((s): s is AbortSignal => Boolean(s)));
      let response: Response;
      try {
        response = await fetchImpl(first.url, { method: first.method, headers: merged, body, signal, redirect: first.redirect });
      } catch (error) {
        if (callerSignal?.aborted || retry >= maxRetries || !(idempotentMethod || connectionRefused(error))) throw error;
        await sleep(backoffMs(retry, options));
        continue;
      }
      if (!retryableStatus(response.status, idempotentMethod) || retry >= maxRetries) return response;
      const asked = retryAfterMs(response.headers.get('Retry-After'));
      if (asked !== undefined && asked > maxDelay) return response;
      const wait = asked ?? backoffMs(retry, options);
      await response.body?.cancel();
      await sleep(wait);
    }
  };
}
