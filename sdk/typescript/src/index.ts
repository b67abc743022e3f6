export { Cauri, CauriError, IntentSession, type CauriOptions, type IntentSessionOptions, type RequestOptions } from './client.js';
export { retryAfterMs, backoffMs, retryingFetch, DEFAULT_TIMEOUT_MS, type RetryOptions } from './retry.js';
export {
  verifyWebhook,
  verifyHub2Signature,
  verifyStandardSignature,
  generateTestSignature,
  WebhookVerificationError,
  DEFAULT_TOLERANCE_SECONDS,
  type HeadersLike,
  type Payload,
  type VerifyOptions,
  type TestSignatureOptions,
  type WebhookVerificationReason,
} from './webhooks.js';
/** Every operation of the OpenAPI document, generated: call with `{ client: cauri.client, … }`. */
export * as api from './generated/sdk.gen.js';
export type * from './generated/types.gen.js';
