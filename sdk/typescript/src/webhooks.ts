// Verification of Cauri's webhook deliveries, both schemes every delivery carries (README "Webhooks"; the signer is
// shared-model's io.cauri.webhook.WebhookSignatures):
//  - HUB2: `Hub2-Signature: s1=<hex HMAC-SHA256(body)>`, keyed with the secret string's UTF-8 bytes (`whsec_`
//    included); after a rotation also `,s0=<…>` with the previous secret. No timestamp, hence no replay protection:
//    checked only when the caller asks for it (`scheme: 'hub2'`), never as a fallback when the webhook-* headers
//    are missing (anyone stripping them could then replay a captured delivery forever).
//  - Standard Webhooks: `webhook-id`, `webhook-timestamp` (Unix seconds), `webhook-signature: v1,<base64
//    HMAC-SHA256("{id}.{timestamp}.{body}")>` keyed with the base64-decoded part after `whsec_`; one
//    space-separated `v1,…` entry per secret in use.
// Always verify the raw bytes received: re-serialised JSON does not carry the same signature.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const HUB2_SIGNATURE = 'hub2-signature';
export const WEBHOOK_ID = 'webhook-id';
export const WEBHOOK_TIMESTAMP = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE = 'webhook-signature';
/** How far `webhook-timestamp` may be from the receiver's clock: Standard Webhooks' advice, 5 minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type WebhookVerificationReason = 'missing_header' | 'stale_timestamp' | 'bad_signature' | 'invalid_secret';

/** A delivery that must not be trusted; answer it with 400 (or 401) and do nothing else. */
export class WebhookVerificationError extends Error {
  readonly reason: WebhookVerificationReason;
  constructor(reason: WebhookVerificationReason, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.reason = reason;
  }
}

/** Node's `req.headers`, a fetch `Headers`, or any name → value map (names compared case-insensitively). */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;
export type Payload = string | Uint8Array;

export interface VerifyOptions {
  /** `standard` (default): Standard Webhooks, all three `webhook-*` headers required; its timestamp refuses a
   *  replayed old delivery. `hub2`: the `Hub2-Signature` header only, which has no timestamp and so NO replay
   *  protection (a captured delivery verifies forever): only where the `webhook-*` headers cannot reach you, and
   *  then drop event ids already seen. */
  scheme?: 'standard' | 'hub2';
  toleranceSeconds?: number;
  /** The receiver's clock (tests); default now. */
  now?: Date;
}

/** Verifies a delivery and returns its parsed event; throws WebhookVerificationError otherwise. */
export function verifyWebhook<T = unknown>(payload: Payload, headers: HeadersLike, secret: string, options: VerifyOptions = {}): T {
  if (options.scheme === 'hub2') {
    verifyHub2Signature(payload, header(headers, HUB2_SIGNATURE), secret);
  } else {
    verifyStandardSignature(payload, headers, secret, options);
  }
  return JSON.parse(text(payload)) as T;
}

/** HUB2 scheme: valid if an `s1=` or `s0=` entry is the body's HMAC under this secret. No timestamp: no replay protection. */
export function verifyHub2Signature(payload: Payload, signatureHeader: string | undefined, secret: string): void {
  requireSecret(secret);
  if (signatureHeader === undefined || signatureHeader.trim() === '') {
    throw new WebhookVerificationError('missing_header', 'no Hub2-Signature header');
  }
  const expected = Buffer.from(hub2Signature(payload, secret), 'ascii');
  for (const part of signatureHeader.split(',')) {
    const p = part.trim();
    if ((p.startsWith('s1=') || p.startsWith('s0=')) && equal(expected, Buffer.from(p.slice(3).toLowerCase(), 'ascii'))) {
      return;
    }
  }
  throw new WebhookVerificationError('bad_signature', 'no Hub2-Signature entry matches this secret');
}

/** Standard Webhooks scheme: all three headers, a timestamp within tolerance, one `v1,` entry matching. */
export function verifyStandardSignature(payload: Payload, headers: HeadersLike, secret: string, options: VerifyOptions = {}): void {
  const key = standardKey(secret);
  const id = header(headers, WEBHOOK_ID);
  const timestamp = header(headers, WEBHOOK_TIMESTAMP);
  const signatures = header(headers, WEBHOOK_SIGNATURE);
  if (!id || !timestamp || !signatures || id.trim() === '' || signatures.trim() === '') {
    throw new WebhookVerificationError('missing_header', 'webhook-id, webhook-timestamp and webhook-signature are all required');
  }
  const seconds = /^\s*\d{1,15}\s*$/.test(timestamp) ? Number(timestamp.trim()) : NaN;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(seconds) || Math.abs(now - seconds) > tolerance) {
    throw new WebhookVerificationError('stale_timestamp', `webhook-timestamp is not within ${tolerance} s of now`);
  }
  const expected = Buffer.from(standardSignature(id, seconds, payload, key), 'ascii');
  for (const entry of signatures.trim().split(/ +/)) {
    if (entry.startsWith('v1,') && equal(expected, Buffer.from(entry.slice(3), 'ascii'))) {
      return;
    }
  }
  throw new WebhookVerificationError('bad_signature', 'no webhook-signature entry matches this secret');
}

export interface TestSignatureOptions {
  payload: Payload;
  secret: string;
  /** During a rotation's 24 h deliveries are signed with both; pass the previous secret to get both entries. */
  previousSecret?: string;
  /** The event id (`webhook-id`); default a random `evt_…`. */
  id?: string;
  /** Default now. */
  timestamp?: Date;
}

/** The headers Cauri would send with this payload: for testing a receiver without a real delivery. */
export function generateTestSignature(options: TestSignatureOptions): Record<string, string> {
  const id = options.id ?? `evt_${randomUUID().replaceAll('-', '')}`;
  const seconds = Math.floor((options.timestamp ?? new Date()).getTime() / 1000);
  let hub2 = `s1=${hub2Signature(options.payload, requireSecret(options.secret))}`;
  let standard = `v1,${standardSignature(id, seconds, options.payload, standardKey(options.secret))}`;
  if (options.previousSecret !== undefined) {
    hub2 += `,s0=${hub2Signature(options.payload, requireSecret(options.previousSecret))}`;
    standard += ` v1,${standardSignature(id, seconds, options.payload, standardKey(options.previousSecret))}`;
  }
  return {
    'Hub2-Signature': hub2,
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': standard,
  };
}

function hub2Signature(payload: Payload, secret: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(bytes(payload)).digest('hex');
}

function standardSignature(id: string, seconds: number, payload: Payload, key: Buffer): string {
  return createHmac('sha256', key).update(`${id}.${seconds}.`, 'utf8').update(bytes(payload)).digest('base64');
}

function requireSecret(secret: string): string {
  if (typeof secret !== 'string' || !secret.startsWith('whsec_')) {
    throw new WebhookVerificationError('invalid_secret', 'a webhook secret starts with whsec_ (the value Cauri returned)');
  }
  return secret;
}

function standardKey(secret: string): Buffer {
  const encoded = requireSecret(secret).slice('whsec_'.length);
  const key = Buffer.from(encoded, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length < 24) {
    throw new WebhookVerificationError('invalid_secret', 'a webhook secret is whsec_ + base64 of at least 24 bytes');
  }
  return key;
}

/** Constant time for equal lengths; a length difference says nothing about the secret. */
function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function bytes(payload: Payload): Uint8Array {
  return typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
}

function text(payload: Payload): string {
  return typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
}

function header(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).has === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === name) {
      return Array.isArray(value) ? value.join(name === WEBHOOK_SIGNATURE ? ' ' : ',') : value;
    }
  }
  return undefined;
}
