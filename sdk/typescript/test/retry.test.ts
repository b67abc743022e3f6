import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cauri, CauriError, api, backoffMs, retryAfterMs } from '../src/index.js';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

/** A loopback server answering with the given (status, headers) in turn, the last one repeated. */
async function server(answers: Array<[number, Record<string, string>?]>) {
  const seen: Seen[] = [];
  const srv = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const [status, headers] = answers[Math.min(seen.length - 1, answers.length - 1)];
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(status < 300
        ? JSON.stringify({ id: 'pi_1', status: 'payment_required' })
        : JSON.stringify({ code: status === 429 ? 'rate_limited' : 'service_unavailable', message: 'try later' }));
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { seen, baseUrl, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

function client(baseUrl: string, slept: number[], extra: object = {}) {
  return new Cauri({ baseUrl, apiKey: 'sk_test', merchantId: 'm_test',
    retry: { sleep: async (ms) => { slept.push(ms); }, random: () => 0, ...extra } });
}

const intent = { customerReference: 'c', purchaseReference: 'p', amount: 1000, currency: 'XOF' as const };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('a POST gets a random Idempotency-Key, the same on each retry of 429, and the HUB2 credentials', async () => {
  const s = await server([[429], [429], [201]]);
  try {
    const slept: number[] = [];
    const created = await client(s.baseUrl, slept).createIntent(intent);
    assert.equal(created.id, 'pi_1');
    assert.equal(s.seen.length, 3);
    const keys = s.seen.map((r) => r.headers['idempotency-key']);
    assert.match(String(keys[0]), UUID);
    assert.deepEqual(keys, [keys[0], keys[0], keys[0]]);
    assert.deepEqual(s.seen.map((r) => r.body), Array(3).fill(JSON.stringify(intent)));
    assert.equal(s.seen[0].headers['apikey'], 'sk_test');
    assert.equal(s.seen[0].headers['merchantid'], 'm_test');
    assert.equal(s.seen[0].headers['environment'], 'sandbox');
    // exponential backoff (random = 0: the lower half of the jitter range): 500·2^0·0.5, 500·2^1·0.5
    assert.deepEqual(slept, [250, 500]);
    // a second call: another key
    await client(s.baseUrl, []).createIntent(intent);
    assert.notEqual(s.seen[3].headers['idempotency-key'], keys[0]);
  } finally { await s.close(); }
});

test("the caller's Idempotency-Key is sent as given; a GET carries none", async () => {
  const s = await server([[200]]);
  try {
    const c = client(s.baseUrl, []);
    await c.createIntent(intent, { idempotencyKey: 'order-2026-0001' });
    await c.retrieveIntent('pi_1');
    assert.equal(s.seen[0].headers['idempotency-key'], 'order-2026-0001');
    assert.equal(s.seen[1].method, 'GET');
    assert.equal(s.seen[1].headers['idempotency-key'], undefined);
  } finally { await s.close(); }
});

test('Retry-After in seconds and as an HTTP date is waited for instead of the backoff', async () => {
  const s = await server([[429, { 'Retry-After': '2' }], [503, { 'Retry-After': new Date(Date.now() + 5000).toUTCString() }], [200]]);
  try {
    const slept: number[] = [];
    await client(s.baseUrl, slept).retrieveIntent('pi_1');
    assert.equal(s.seen.length, 3);
    assert.equal(slept[0], 2000);
    assert.ok(slept[1] > 3000 && slept[1] <= 5000, `HTTP-date wait ${slept[1]} ms`);
  } finally { await s.close(); }
});

test('a GET answered 503 then 200 is retried', async () => {
  const s = await server([[503], [200]]);
  try {
    const slept: number[] = [];
    assert.equal((await client(s.baseUrl, slept).retrieveIntent('pi_1')).id, 'pi_1');
    assert.equal(s.seen.length, 2);
    assert.deepEqual(slept, [250]);
  } finally { await s.close(); }
});

test('a POST answered 503 reaches the caller after one try (its key stays locked on the API; read the object)', async () => {
  const s = await server([[503], [201]]);
  try {
    const slept: number[] = [];
    await assert.rejects(client(s.baseUrl, slept).createIntent(intent),
      (e) => e instanceof CauriError && e.status === 503 && e.code === 'service_unavailable');
    assert.equal(s.seen.length, 1);
    assert.deepEqual(slept, []);
  } finally { await s.close(); }
});

test('retries are bounded: after maxRetries the 503 is thrown as a CauriError', async () => {
  const s = await server([[503]]);
  try {
    const slept: number[] = [];
    await assert.rejects(client(s.baseUrl, slept, { maxRetries: 3 }).retrieveIntent('pi_1'),
      (e) => e instanceof CauriError && e.status === 503 && e.code === 'service_unavailable');
    assert.equal(s.seen.length, 4);
    assert.deepEqual(slept, [250, 500, 1000]);
  } finally { await s.close(); }
});

test('a Retry-After longer than maxDelayMs is not waited for: the 429 comes back at once', async () => {
  const s = await server([[429, { 'Retry-After': '600' }]]);
  try {
    const slept: number[] = [];
    await assert.rejects(client(s.baseUrl, slept).retrieveIntent('pi_1'),
      (e) => e instanceof CauriError && e.status === 429 && e.code === 'rate_limited');
    assert.equal(s.seen.length, 1);
    assert.deepEqual(slept, []);
  } finally { await s.close(); }
});

test('other errors are not retried', async () => {
  const s = await server([[400]]);
  try {
    await assert.rejects(client(s.baseUrl, []).createIntent(intent), (e) => e instanceof CauriError && e.status === 400);
    assert.equal(s.seen.length, 1);
  } finally { await s.close(); }
});

test('the v1 family gets a Bearer key; the token-only session sends no API key', async () => {
  const s = await server([[200]]);
  try {
    const c = client(s.baseUrl, []);
    await c.client.get({ url: '/api/v1/payment-intents' });
    assert.equal(s.seen[0].headers['authorization'], 'Bearer sk_test');
    assert.equal(s.seen[0].headers['apikey'], undefined);
    await c.intent('pi_1', 'tok_abc').status();
    assert.equal(s.seen[1].url, '/payment-intents/pi_1/status?token=tok_abc');
    assert.equal(s.seen[1].headers['apikey'], undefined);
    assert.equal(s.seen[1].headers['authorization'], undefined);
  } finally { await s.close(); }
});

/** A loopback server that reads each request and never answers it. */
async function silentServer() {
  const seen: string[] = [];
  const srv = createServer((req: IncomingMessage) => { seen.push(req.method!); req.resume(); });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { seen, baseUrl, close: () => new Promise<void>((r) => { srv.closeAllConnections(); srv.close(() => r()); }) };
}

function timing(baseUrl: string, slept: number[], timeoutMs: number) {
  return new Cauri({ baseUrl, apiKey: 'sk_test', merchantId: 'm_test', timeoutMs,
    retry: { sleep: async (ms) => { slept.push(ms); }, random: () => 0 } });
}

test('each try times out after timeoutMs: a GET is tried again, a POST is not', async () => {
  const s = await silentServer();
  try {
    const slept: number[] = [];
    const started = Date.now();
    await assert.rejects(timing(s.baseUrl, slept, 150).retrieveIntent('pi_1'), (e) => (e as Error).name === 'TimeoutError');
    assert.deepEqual(s.seen, ['GET', 'GET', 'GET']);
    assert.ok(Date.now() - started >= 3 * 140, 'three tries of ~150 ms');
    assert.deepEqual(slept, [250, 500]);

    s.seen.length = 0;
    await assert.rejects(timing(s.baseUrl, [], 150).createIntent(intent), (e) => (e as Error).name === 'TimeoutError');
    assert.deepEqual(s.seen, ['POST'], 'a POST that timed out may have taken effect: not repeated');
  } finally { await s.close(); }
});

test("the caller's own abort is not retried", async () => {
  const s = await silentServer();
  try {
    const c = timing(s.baseUrl, [], 10_000);
    const caller = new AbortController();
    setTimeout(() => caller.abort(), 100);
    const result = await api.hub2RetrieveIntent({ client: c.client, path: { id: 'pi_1' }, signal: caller.signal } as never);
    assert.ok((result as { error?: unknown }).error !== undefined, 'the call failed');
    assert.deepEqual(s.seen, ['GET']);
  } finally { await s.close(); }
});

test('a refused connection is retried even for a POST; another network failure of a POST is not', async () => {
  const s = await server([[201]]);
  try {
    const fail = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
    let calls = 0;
    const flaky = (code: string): typeof fetch => (input, init) => (++calls === 1 ? Promise.reject(fail(code)) : fetch(input, init));
    const make = (code: string) => new Cauri({ baseUrl: s.baseUrl, apiKey: 'sk_test', merchantId: 'm_test', fetch: flaky(code),
      retry: { sleep: async () => {} } });

    assert.equal((await make('ECONNREFUSED').createIntent(intent)).id, 'pi_1');
    assert.equal(calls, 2);
    assert.equal(s.seen.length, 1);

    calls = 0;
    await assert.rejects(make('ECONNRESET').createIntent(intent), (e) => (e as { cause?: { code?: string } }).cause?.code === 'ECONNRESET');
    assert.equal(calls, 1);

    calls = 0;
    assert.equal((await make('ECONNRESET').retrieveIntent('pi_1')).id, 'pi_1');
    assert.equal(calls, 2, 'a GET is safe to repeat');
  } finally { await s.close(); }
});

test('retryAfterMs and backoffMs', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  assert.equal(retryAfterMs('3', now), 3000);
  assert.equal(retryAfterMs(' 0 ', now), 0);
  // not delay-seconds nor an IMF-fixdate: the backoff applies (Date.parse would read these as dates of 2001)
  for (const bad of ['-1', '1.5', '+3', '1e3', '2026-12-06T12:00:10Z', 'Sunday, 06-Dec-26 12:00:10 GMT', '']) {
    assert.equal(retryAfterMs(bad, now), undefined, bad);
  }
  assert.equal(retryAfterMs('Sun, 06 Dec 2026 12:00:10 GMT', now), 10_000);
  assert.equal(retryAfterMs('Sun, 06 Dec 2026 11:00:00 GMT', now), 0);
  assert.equal(retryAfterMs('soon', now), undefined);
  assert.equal(retryAfterMs(null, now), undefined);
  assert.equal(backoffMs(10, { random: () => 0.999 }), 19_990);
  for (let i = 0; i < 50; i++) {
    const d = backoffMs(2);
    assert.ok(d >= 1000 && d <= 2000, String(d));
  }
});
