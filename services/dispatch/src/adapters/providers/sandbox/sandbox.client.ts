import type { PayoutProvider, ProviderCall } from '../../../app/ports.ts';
import type { TransportOutcome } from '../../../domain/failure-class.ts';
import {
  firstOfList,
  isSandboxStatus,
  observedStatusOf,
  sandboxRequestBody,
  toBalances,
  toError,
  toProviderPayout,
  toSettlements,
} from './sandbox.transformers.ts';

export interface SandboxClientOptions {
  /** e.g. http://127.0.0.1:7010 */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Whole-call timeout (connect, send, answer); after it the outcome is `timeout`, i.e. unknown for a create. */
  readonly timeoutMs: number;
}

/** What one HTTP exchange gave: the transport outcome and, for a response, its parsed JSON body (if any). */
interface Exchange {
  readonly outcome: TransportOutcome;
  readonly latencyMs: number;
  readonly body: unknown;
}

// Errors that mean the request never left this host: nothing can have reached the provider.
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** The sandbox provider (services/provider-sandbox) over HTTP: Bearer API key, Idempotency-Key on create. */
export function sandboxProvider(options: SandboxClientOptions): PayoutProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const exchange = async (method: string, path: string, extra: Record<string, string> = {}, body?: string) => {
    const startedMs = performance.now();
    const headers = { authorization: `Bearer ${options.apiKey}`, accept: 'application/json', ...extra };
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await res.text();
      const outcome: TransportOutcome = { kind: 'response', httpStatus: res.status, errorCode: null };
      const parsed = parseJson(text);
      const errorCode = res.ok ? null : toError(parsed).code;
      return { outcome: { ...outcome, errorCode }, latencyMs: performance.now() - startedMs, body: parsed };
    } catch (error) {
      return { outcome: transportFailure(error), latencyMs: performance.now() - startedMs, body: undefined };
    }
  };
  const detailOf = (e: Exchange, what: string) =>
    `${what} → ${e.outcome.kind === 'response' ? `HTTP ${e.outcome.httpStatus}` : e.outcome.kind}`;

  return {
    name: 'sandbox',
    requestBody: sandboxRequestBody,
    async createPayout({ idempotencyKey, body }) {
      const e = await exchange('POST', '/v1/payouts', { 'idempotency-key': idempotencyKey }, body);
      return withValue(e, (b) => toProviderPayout(b, detailOf(e, 'create')));
    },
    async getPayout(providerReference) {
      const e = await exchange('GET', `/v1/payouts/${encodeURIComponent(providerReference)}`);
      if (isStatus(e, 404)) return { outcome: e.outcome, latencyMs: e.latencyMs, value: null };
      return withValue(e, (b) => toProviderPayout(b, detailOf(e, `poll ${providerReference}`)));
    },
    async findByClientReference(clientReference) {
      const e = await exchange('GET', `/v1/payouts?client_reference=${encodeURIComponent(clientReference)}`);
      return withValue(e, (b) => firstOfList(b, detailOf(e, `poll by client_reference ${clientReference}`)));
    },
    async listSettlements(date) {
      const e = await exchange('GET', `/v1/reports/settlements?date=${encodeURIComponent(date)}&format=json`);
      return withValue(e, toSettlements);
    },
    async getBalances() {
      return withValue(await exchange('GET', '/v1/balances'), toBalances);
    },
    observedStatusOf: (providerStatus) =>
      isSandboxStatus(providerStatus) ? observedStatusOf(providerStatus) : undefined,
  };
}

const isStatus = (e: Exchange, status: number): boolean =>
  e.outcome.kind === 'response' && e.outcome.httpStatus === status;

/** Maps a 2xx body through `read`; any other answer keeps the provider's error code and message. */
function withValue<T>(e: Exchange, read: (body: unknown) => T | undefined): ProviderCall<T> {
  const ok = e.outcome.kind === 'response' && e.outcome.httpStatus >= 200 && e.outcome.httpStatus < 300;
  if (ok) {
    const value = read(e.body);
    return value === undefined
      ? { outcome: e.outcome, latencyMs: e.latencyMs }
      : { outcome: e.outcome, latencyMs: e.latencyMs, value };
  }
  const error = e.outcome.kind === 'response' ? toError(e.body) : { code: null, message: e.outcome.kind };
  return { outcome: e.outcome, latencyMs: e.latencyMs, error };
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Classifies a fetch failure: timed out, never connected, or lost after the request may have been written. */
export function transportFailure(error: unknown): TransportOutcome {
  // DOMException is not an Error subclass in every realm: look at the name only.
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' };
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code && NOT_CONNECTED.has(code)) return { kind: 'not_connected' };
  return { kind: 'connection_lost' };
}
