// The SDK's one HTTP path: authentication headers, an Idempotency-Key on every POST, and retries of 429 and 503.
// A 503 may or may not have taken effect and a 429 did not; both are safe to repeat with the same
// Idempotency-Key (README "Safe retries"), so every retry of a request carries the key of its first try.
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

const RETRIED = new Set([429, 503]);

/** Milliseconds the server asked to wait, from `Retry-After` (delay-seconds or an HTTP date); undefined if absent or unreadable. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter in its upper half: base·2^retry, capped, times [0.5, 1). */
export function backoffMs(retry: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 20_000;
  const exp = Math.min(cap, base * 2 ** retry);
  return Math.round(exp * (0.5 + 0.5 * (options.random ?? Math.random)()));
}

/**
 * A fetch that adds `headers` (the caller's own values win), an Idempotency-Key to each POST that has none, and
 * retries 429/503 after `Retry-After` when given (if within maxDelayMs) or the backoff.
 */
export function retryingFetch(fetchImpl: typeof fetch, headers: (url: URL) => Record<string, string>, options: RetryOptions = {}): typeof fetch {
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
    for (let retry = 0; ; retry++) {
      const response = await fetchImpl(first.url, { method: first.method, headers: merged, body, signal: first.signal, redirect: first.redirect });
      if (!RETRIED.has(response.status) || retry >= maxRetries) return response;
      const asked = retryAfterMs(response.headers.get('Retry-After'));
      if (asked !== undefined && asked > maxDelay) return response;
      const wait = asked ?? backoffMs(retry, options);
      await response.body?.cancel();
      await sleep(wait);
    }
  };
}
