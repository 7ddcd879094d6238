import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freshDatabase, type InfraEndpoints, type TestDatabase, uniqueName } from '@sluice/testing';
import { type SignatureVerdict, verifyCallback } from '../../src/domain/signature.ts';
import {
  loadSandboxConfig,
  type PayoutRepresentation,
  type ProviderSandboxHandles,
  startProviderSandbox,
} from '../../src/index.ts';

export const API_KEY = 'sbx_test_key_integration';
export const CALLBACK_SECRET = 'whsec_integration_secret_1';
/** A checksummed EVM address (validated by @sluice/money like any real destination). */
export const EVM_ADDRESS = '0x52908400098527886E0F7030069857D2E4169EE7';

/** Fast timings so every scenario converges in well under a second on a busy 2-core machine. */
const FAST_ENV = {
  SANDBOX_STEP_DELAY_MS: '60',
  SANDBOX_SLOW_STEP_DELAY_MS: '400',
  SANDBOX_TIMEOUT_DELAY_MS: '1500',
  SANDBOX_CALLBACK_BACKOFF_MS: '40',
  SANDBOX_CALLBACK_MAX_BACKOFF_MS: '200',
  SANDBOX_CALLBACK_TIMEOUT_MS: '2000',
  SANDBOX_POLL_INTERVAL_MS: '20',
  LOG_LEVEL: 'silent',
};

/** Starts a sandbox in-process on a free port against the suite's own database. */
export function startSandbox(
  infra: InfraEndpoints,
  db: TestDatabase,
  env: Record<string, string> = {},
): Promise<ProviderSandboxHandles> {
  const config = loadSandboxConfig({
    ...FAST_ENV,
    DATABASE_URL: infra.postgresUrl,
    SANDBOX_DB_NAME: db.name,
    HTTP_PORT: '0',
    SANDBOX_API_KEYS: API_KEY,
    SANDBOX_CALLBACK_SECRET: CALLBACK_SECRET,
    ...env,
  });
  return startProviderSandbox(config);
}

export const newDatabase = (infra: InfraEndpoints) => freshDatabase(infra.postgresUrl, 'sandbox');

/** A response; `json` is typed by the caller (the sandbox's documented shapes), null when the body is not JSON. */
export interface Reply<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: T;
}

/** The error body every refusal carries. */
export interface ErrorJson {
  readonly error: { readonly code: string; readonly message: string };
}

/** A list answer (`{ data: [...] }`, admin lists add `count`). */
export interface ListJson<T> {
  readonly count?: number;
  readonly data: T[];
}

/** A minimal API client; `key: null` sends no Authorization header. */
export function client(baseUrl: string, key: string | null = API_KEY) {
  const call = async <T>(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      body,
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), 'Content-Type': 'application/json', ...headers },
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, headers: response.headers, text, json: json as T };
  };
  return {
    get: <T = unknown>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = unknown>(path: string, body: unknown = {}, headers?: Record<string, string>) =>
      call<T>('POST', path, typeof body === 'string' ? body : JSON.stringify(body), headers),
    /** POST /v1/payouts with an idempotency key; the body string is sent byte for byte. */
    createPayout: (key: string, body: string) =>
      call<PayoutRepresentation>('POST', '/v1/payouts', body, { 'Idempotency-Key': key }),
  };
}

/** A create-payout body with a unique client reference; returns the exact string sent and the reference. */
export function payoutBody(
  scenario: string | null,
  overrides: Record<string, unknown> = {},
  extraMetadata: Record<string, unknown> = {},
): { body: string; clientReference: string; key: string } {
  const clientReference = uniqueName('po');
  const body = JSON.stringify({
    client_reference: clientReference,
    amount_minor: '12500000',
    currency: 'USDC',
    destination: { type: 'wallet', network: 'base', address: EVM_ADDRESS },
    ...(scenario ? { metadata: { scenario, ...extraMetadata } } : {}),
    ...overrides,
  });
  return { body, clientReference, key: uniqueName('idem') };
}

/** One callback as received, with its signature checked against the secrets the receiver knows. */
export interface ReceivedCallback {
  readonly eventId: string;
  readonly type: string;
  readonly payoutId: string;
  readonly clientReference: string;
  readonly status: string;
  readonly rawBody: string;
  readonly verdict: SignatureVerdict;
  /** Which of the receiver's secrets verified it (index), or -1. */
  readonly secretIndex: number;
}

/** A local callback receiver: verifies each callback's HMAC over the raw bytes, then answers `status()`. */
export interface Receiver {
  readonly url: string;
  readonly received: ReceivedCallback[];
  /** Every try, including the ones answered with an error. */
  readonly tries: { eventId: string; answered: number }[];
  secrets: string[];
  answer: (callback: ReceivedCallback) => number;
  forPayout(payoutId: string): ReceivedCallback[];
  close(): Promise<void>;
}

export async function startReceiver(secrets: string[] = [CALLBACK_SECRET]): Promise<Receiver> {
  const receiver: Omit<Receiver, 'url' | 'close'> = {
    received: [],
    tries: [],
    secrets,
    answer: () => 200,
    forPayout(payoutId) {
      return this.received.filter((c) => c.payoutId === payoutId);
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const headers = {
        signature: req.headers['x-pay-signature'] as string | undefined,
        timestamp: req.headers['x-pay-timestamp'] as string | undefined,
      };
      const options = { nowS: Math.floor(Date.now() / 1000), toleranceS: 300 };
      const verdicts = receiver.secrets.map((secret) => verifyCallback(secret, headers, rawBody, options));
      const secretIndex = verdicts.indexOf('ok');
      const body = JSON.parse(rawBody) as {
        type: string;
        data: { id: string; status: string; client_reference: string };
      };
      const callback: ReceivedCallback = {
        eventId: String(req.headers['x-pay-event-id']),
        type: body.type,
        payoutId: body.data.id,
        clientReference: body.data.client_reference,
        status: body.data.status,
        rawBody,
        verdict: secretIndex >= 0 ? 'ok' : (verdicts[0] ?? 'mismatch'),
        secretIndex,
      };
      const status = receiver.answer(callback);
      receiver.tries.push({ eventId: callback.eventId, answered: status });
      if (status >= 200 && status < 300) receiver.received.push(callback);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/callbacks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  }) as Receiver;
}
