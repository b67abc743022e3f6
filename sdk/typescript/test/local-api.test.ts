// Against a real local-api: CAURI_BASE_URL, CAURI_API_KEY, CAURI_MERCHANT_ID (the Maven module sdk/typescript
// starts one in-process and sets them; by hand: run local-api, then CAURI_BASE_URL=http://127.0.0.1:3000
// CAURI_API_KEY=sk_demo_0123456789 CAURI_MERCHANT_ID=m_demo npm test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cauri, CauriError, verifyWebhook, WebhookVerificationError } from '../src/index.js';

const baseUrl = process.env.CAURI_BASE_URL;
const skip = baseUrl ? false : 'CAURI_BASE_URL not set: no local-api to call';

interface Delivery { body: Buffer; headers: IncomingHttpHeaders }
interface Event { id: string; type: string; data: { id: string; status: string; amount: number } }

test('create an intent, attempt an OTP payment with its token, authenticate, and verify the signed webhook', { skip, timeout: 120_000 }, async () => {
  const deliveries: Delivery[] = [];
  let arrived: () => void = () => {};
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ body: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(200).end();
      arrived();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const cauri = new Cauri({ baseUrl: baseUrl!, apiKey: process.env.CAURI_API_KEY!, merchantId: process.env.CAURI_MERCHANT_ID! });
  const endpoint = await cauri.createWebhook({
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
    events: ['payment_intent.successful'],
  });
  try {
    assert.match(endpoint.secret ?? '', /^whsec_/);

    // The server side: an intent, with a key of the caller's; the same key again replays the same intent.
    const reference = `order_${Date.now()}`;
    const body = { customerReference: 'cust_sdk_ts', purchaseReference: reference, amount: 1000, currency: 'XOF' as const };
    const created = await cauri.createIntent(body, { idempotencyKey: `sdk-ts-${reference}` });
    assert.equal(created.status, 'payment_required');
    assert.equal(created.amount, 1000);
    const replayed = await cauri.createIntent(body, { idempotencyKey: `sdk-ts-${reference}` });
    assert.equal(replayed.id, created.id);
    // Without a key of the caller's, each call is its own (the SDK's key is new per call).
    const another = await cauri.createIntent(body);
    assert.notEqual(another.id, created.id);

    // The payer's side: only the intent's token.
    const payer = cauri.intent(created.id, created.token);
    const attempted = await payer.attemptPayment({ paymentMethod: 'mobile_money', country: 'CI', provider: 'orange', mobileMoney: { msisdn: '00000001' } });
    assert.equal(attempted.status, 'action_required');
    assert.equal(attempted.nextAction?.type, 'otp');
    const authenticated = await payer.authenticate('1234');
    assert.equal(authenticated.status, 'successful');
    assert.deepEqual(await payer.status(), { id: created.id, status: 'successful' });

    // The webhook: wait for this intent's payment_intent.successful, verify it under both schemes.
    const deadline = Date.now() + 60_000;
    let delivery: Delivery | undefined;
    while (!(delivery = deliveries.find((d) => d.body.includes(created.id))) && Date.now() < deadline) {
      await new Promise<void>((r) => { arrived = r; setTimeout(r, 500); });
    }
    assert.ok(delivery, `no webhook for ${created.id} within 60 s (${deliveries.length} other deliveries)`);
    const event = verifyWebhook<Event>(delivery.body, delivery.headers, endpoint.secret!);
    assert.equal(event.type, 'payment_intent.successful');
    assert.equal(event.data.id, created.id);
    assert.equal(event.data.status, 'successful');
    assert.equal(event.id, delivery.headers['webhook-id']);
    verifyWebhook(delivery.body, delivery.headers, endpoint.secret!, { scheme: 'hub2' });
    verifyWebhook(delivery.body, delivery.headers, endpoint.secret!, { scheme: 'standard' });
    const forged = Buffer.from(delivery.body.toString('utf8').replace('"amount":1000', '"amount":1'));
    assert.notDeepEqual(forged, delivery.body);
    assert.throws(() => verifyWebhook(forged, delivery!.headers, endpoint.secret!),
      (e) => e instanceof WebhookVerificationError && e.reason === 'bad_signature');

    // Errors come back typed, with the API's stable code.
    await assert.rejects(cauri.retrieveIntent('pi_does_not_exist'), (e) => e instanceof CauriError && e.status === 404 && typeof e.code === 'string' && e.code.length > 0);
    await assert.rejects(payer.authenticate('1234'), (e) => e instanceof CauriError && e.status === 409);
  } finally {
    await cauri.deleteWebhook(endpoint.id);
    await new Promise<void>((r) => receiver.close(() => r()));
  }
});
