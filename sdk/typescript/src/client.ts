// The hand-written front of the generated client (src/generated): credentials, idempotency keys and retries in
// one place (retry.ts), typed results, and errors as CauriError with the API's stable `code`.
import { createClient, createConfig, type Client } from './generated/client/index.js';
import * as api from './generated/sdk.gen.js';
import type {
  ApiError,
  Hub2AttemptPaymentRequest,
  Hub2CreatePaymentIntentRequest,
  Hub2CreateWebhookRequest,
  Hub2IntentStatus,
  Hub2PaymentIntent,
  Hub2Webhook,
  Hub2WebhookDeleted,
} from './generated/types.gen.js';
import { retryingFetch, type RetryOptions } from './retry.js';

export interface CauriOptions {
  /** e.g. http://127.0.0.1:3000 (local-api) */
  baseUrl: string;
  /** The merchant's API key (sk_…): server side only. */
  apiKey: string;
  /** The HUB2 family authenticates with ApiKey + MerchantId + Environment (README "A first payment intent"). */
  merchantId: string;
  /** `sandbox` (default) or `live`: the key's mode. */
  environment?: 'sandbox' | 'live';
  retry?: RetryOptions;
  /** Time for one try, the answer's body included (default 60 000 ms). A GET that times out is tried again, a POST
   *  is not (it may have taken effect: read the object). */
  timeoutMs?: number;
  /** Default globalThis.fetch. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Default: a new random UUID per call, the same across the SDK's retries of that call. */
  idempotencyKey?: string;
}

/** An answer other than 2xx: the API's JSON error (`code`, `message`, `param`). */
export class CauriError extends Error {
  readonly status: number;
  readonly code: string;
  readonly param?: string;
  readonly requestId?: string;
  constructor(status: number, body: Partial<ApiError> | undefined, requestId?: string | null) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'CauriError';
    this.status = status;
    this.code = body?.code ?? 'http_' + status;
    this.param = body?.param;
    this.requestId = body?.request_id ?? requestId ?? undefined;
  }
}

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (result.error !== undefined || !result.response?.ok) {
    const status = result.response?.status ?? 0;
    const body = typeof result.error === 'object' && result.error !== null ? (result.error as Partial<ApiError>) : undefined;
    if (status === 0) throw result.error instanceof Error ? result.error : new Error(String(result.error));
    throw new CauriError(status, body, result.response.headers.get('Request-Id'));
  }
  return result.data as T;
}

// The generated header types are loose (the document declares header parameters as objects): the SDK sets the
// headers itself, so calls pass them through this cast.
const headers = (h: Record<string, string>) => h as never;
const idempotency = (o?: RequestOptions) => headers(o?.idempotencyKey ? { 'Idempotency-Key': o.idempotencyKey } : {});

/** Server side: the merchant's credentials. Every generated operation is also callable as `api.op({ client: cauri.client, … })`. */
export class Cauri {
  /** The generated client with this instance's credentials, idempotency keys and retries. */
  readonly client: Client;
  private readonly options: CauriOptions;

  constructor(options: CauriOptions) {
    if (!options.baseUrl || !options.apiKey || !options.merchantId) {
      throw new TypeError('Cauri needs baseUrl, apiKey and merchantId');
    }
    this.options = options;
    const environment = options.environment ?? 'sandbox';
    const credentials = (url: URL): Record<string, string> => url.pathname.startsWith('/api/v1/')
      ? { Authorization: `Bearer ${options.apiKey}` }
      : { ApiKey: options.apiKey, MerchantId: options.merchantId, Environment: environment };
    this.client = createClient(createConfig({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      fetch: retryingFetch(options.fetch ?? globalThis.fetch, credentials, options.retry, options.timeoutMs),
    }));
  }

  createIntent(body: Hub2CreatePaymentIntentRequest, o?: RequestOptions): Promise<Hub2PaymentIntent> {
    return unwrap(api.hub2CreateIntent({ client: this.client, body, headers: idempotency(o) }));
  }

  retrieveIntent(id: string): Promise<Hub2PaymentIntent> {
    return unwrap(api.hub2RetrieveIntent({ client: this.client, path: { id } }));
  }

  createWebhook(body: Hub2CreateWebhookRequest, o?: RequestOptions): Promise<Hub2Webhook> {
    return unwrap(api.createWebhook({ client: this.client, body, headers: idempotency(o) }));
  }

  deleteWebhook(id: string): Promise<Hub2WebhookDeleted> {
    return unwrap(api.deleteWebhook({ client: this.client, path: { id }, headers: headers({}) }));
  }

  /** The payer's side of one intent, with only its token (for code that must not hold the API key). */
  intent(id: string, token: string): IntentSession {
    return new IntentSession({ baseUrl: this.options.baseUrl, id, token, retry: this.options.retry,
      timeoutMs: this.options.timeoutMs, fetch: this.options.fetch });
  }
}

export interface IntentSessionOptions {
  baseUrl: string;
  /** The intent's id and token, from the create answer your server passed to the payer's app. */
  id: string;
  token: string;
  retry?: RetryOptions;
  /** As CauriOptions.timeoutMs. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Client side: one intent, authenticated by its token alone (no API key leaves your server). */
export class IntentSession {
  readonly client: Client;
  readonly id: string;
  private readonly token: string;

  constructor(options: IntentSessionOptions) {
    this.id = options.id;
    this.token = options.token;
    this.client = createClient(createConfig({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      fetch: retryingFetch(options.fetch ?? globalThis.fetch, () => ({}), options.retry, options.timeoutMs),
    }));
  }

  /** Starts a payment: the intent comes back action_required (see nextAction), successful, or payment_required with lastPaymentFailure. */
  attemptPayment(body: Omit<Hub2AttemptPaymentRequest, 'token'>, o?: RequestOptions): Promise<Hub2PaymentIntent> {
    return unwrap(api.hub2AttemptPayment({ client: this.client, path: { id: this.id }, body: { ...body, token: this.token }, headers: idempotency(o) }));
  }

  /** Sends the OTP the payer received (nextAction.type `otp`). */
  authenticate(confirmationCode: string, o?: RequestOptions): Promise<Hub2PaymentIntent> {
    return unwrap(api.hub2Authenticate({ client: this.client, path: { id: this.id }, body: { token: this.token, confirmationCode }, headers: idempotency(o) }));
  }

  status(): Promise<Hub2IntentStatus> {
    return unwrap(api.hub2IntentStatus({ client: this.client, path: { id: this.id }, query: { token: this.token } }));
  }
}
