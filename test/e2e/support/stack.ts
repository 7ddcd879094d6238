import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DispatchHandles, loadDispatchConfig, operatorKeyEntry, startDispatch } from '@sluice/dispatch';
import { positionGroupAtEnd, serviceEnv, type TestInfra } from '@sluice/messaging/testing';
import { catalogOf, parseProgram } from '@sluice/program-config';
import {
  EVENT_ID_HEADER,
  loadSandboxConfig,
  type ProviderSandboxHandles,
  SIGNATURE_HEADER,
  signCallback,
  startProviderSandbox,
  TIMESTAMP_HEADER,
} from '@sluice/provider-sandbox';
import { createLogger } from '@sluice/service-kit';
import { freshDatabase, repoRoot, uniqueName, waitFor } from '@sluice/testing';
import {
  operatorKeyEntry as gatewayOperatorKeyEntry,
  loadWebhookGatewayConfig,
  startWebhookGateway,
  type WebhookGatewayHandles,
} from '@sluice/webhook-gateway';
import { explained } from './explained.ts';

/** The topics dispatch consumes; its throwaway group is positioned at their end before it starts. */
const DISPATCH_TOPICS = ['payouts.accepted.v1', 'compliance.decided.v1', 'provider.callbacks-received.v1'];

/**
 * Dispatch timings for a suite that converges in seconds. The first poll waits 2 s (not the 300 ms of dispatch's own
 * harness): a callback normally reaches dispatch ~300 ms after the provider completes, but on this shared 2-core
 * machine it was seen to take ~1.8 s, and a test that must see a callback-driven transition would then lose the race
 * to the poll. With callbacks off, polling still converges within ~2 s.
 */
const DISPATCH_FAST: Record<string, string> = {
  DISPATCH_PROVIDER_TIMEOUT_MS: '2000',
  DISPATCH_TICK_MS: '50',
  DISPATCH_POLL_AFTER_MS: '2000',
  DISPATCH_POLL_MAX_MS: '2000',
  DISPATCH_REVERSAL_WATCH_MS: '30000',
  DISPATCH_RETRY_BASE_MS: '100',
  DISPATCH_RETRY_MAX_MS: '1000',
};

/** The three services wired like the real stack: dispatch → sandbox API; sandbox callbacks → gateway → Kafka → dispatch. */
export interface Stack {
  readonly sandbox: ProviderSandboxHandles;
  readonly gateway: WebhookGatewayHandles;
  readonly dispatch: DispatchHandles;
  /**
   * A private copy of config/programs/sandbox-global.yaml (same corridors, unique id): a dispatch of another suite or
   * run reading the test namespace at the same time would otherwise send this suite's payouts to its own sandbox, whose
   * callbacks (same payout ids) would then reach this dispatch too.
   */
  readonly programId: string;
  /** The sandbox's own record of the provider payouts made for one Sluice payout id (its client reference). */
  providerPayouts(payoutId: string): Promise<Record<string, unknown>[]>;
  sandboxAdmin(method: 'GET' | 'POST', path: string): Promise<Record<string, unknown>>;
  /** Dispatch's `GET /v1/payouts/:id` as a viewer operator; undefined while dispatch has not seen the payout. */
  payout(payoutId: string): Promise<Record<string, unknown> | undefined>;
  waitForStatus(payoutId: string, status: string): Promise<Record<string, unknown>>;
  /** The gateway's operator (archive) API. */
  gatewayGet(path: string): Promise<Record<string, unknown>>;
  /** POSTs raw bytes to the gateway's sandbox endpoint, as the provider does. */
  deliver(
    body: string | Buffer,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** x-pay headers for `body` signed now with the shared callback secret: exactly what the sandbox would send. */
  signed(body: string, eventId: string): Record<string, string>;
  /** True once dispatch's consumer committed the event (its inbox row), i.e. applied it or decided it changes nothing. */
  dispatchProcessed(eventId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Fresh secrets per run: the callback secret both sides share, the sandbox API key, and the two operator tokens. */
interface Credentials {
  readonly callbackSecret: string;
  readonly sandboxKey: string;
  readonly viewerToken: string;
  readonly gatewayOperatorKey: string;
}

type Closer = () => Promise<void>;

export async function startStack(infra: TestInfra, logLevel: string): Promise<Stack> {
  const credentials: Credentials = {
    callbackSecret: `whsec_e2e_${randomBytes(16).toString('hex')}`,
    sandboxKey: `sbx_e2e_${randomBytes(12).toString('hex')}`,
    viewerToken: `op_viewer_${randomBytes(24).toString('hex')}`,
    gatewayOperatorKey: `ops_e2e_${randomBytes(24).toString('hex')}`,
  };
  const programId = `e2e-callbacks-${randomBytes(3).toString('hex')}`;
  // Everything started so far, closed in reverse order: a failed start leaves no service or database behind.
  const closers: Closer[] = [];
  const closeAll = async () => {
    for (const close of [...closers].reverse()) await close();
  };
  try {
    const services = await startServices(infra, credentials, programId, logLevel, closers);
    return { ...services, programId, ...clients(services, credentials), close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** Gateway, then the sandbox calling back to it, then dispatch calling the sandbox; each on its own fresh database. */
async function startServices(
  infra: TestInfra,
  credentials: Credentials,
  programId: string,
  logLevel: string,
  closers: Closer[],
) {
  const common = { LOG_LEVEL: logLevel, HTTP_PORT: '0', ...serviceEnv(infra) };
  const fresh = async (prefix: string) => {
    const db = await freshDatabase(infra.postgresUrl, prefix);
    closers.push(() => db.drop());
    return db.name;
  };
  const gateway = await startWebhookGateway(
    loadWebhookGatewayConfig({
      ...common,
      WEBHOOK_DB_NAME: await fresh('e2e_gateway'),
      WEBHOOK_PROVIDERS: 'sandbox:x-pay',
      WEBHOOK_SECRET_SANDBOX_K1: credentials.callbackSecret,
      WEBHOOK_OPERATOR_KEYS: gatewayOperatorKeyEntry('e2e', credentials.gatewayOperatorKey),
    }),
    { logger: createLogger('webhook-gateway', logLevel) },
  );
  closers.push(() => gateway.close());
  const sandbox = await startProviderSandbox(
    loadSandboxConfig({
      ...common,
      SANDBOX_DB_NAME: await fresh('e2e_sandbox'),
      SANDBOX_API_KEYS: credentials.sandboxKey,
      SANDBOX_CALLBACK_URL: `${gateway.url}/v1/webhooks/sandbox`,
      SANDBOX_CALLBACK_SECRET: credentials.callbackSecret,
      SANDBOX_STEP_DELAY_MS: '100',
      SANDBOX_POLL_INTERVAL_MS: '20',
      SANDBOX_CALLBACK_BACKOFF_MS: '50',
      SANDBOX_CALLBACK_MAX_BACKOFF_MS: '200',
    }),
    { logger: createLogger('provider-sandbox', logLevel) },
  );
  closers.push(() => sandbox.close());
  const dispatchConfig = loadDispatchConfig({
    ...common,
    ...DISPATCH_FAST,
    DISPATCH_DB_NAME: await fresh('e2e_dispatch'),
    DISPATCH_CONSUMER_GROUP: uniqueName('e2e-dispatch'),
    SANDBOX_URL: sandbox.url,
    SANDBOX_API_KEY: credentials.sandboxKey,
    DISPATCH_OPERATOR_KEYS: operatorKeyEntry('op-e2e-viewer', 'viewer', credentials.viewerToken),
  });
  await positionGroupAtEnd(infra, dispatchConfig.DISPATCH_CONSUMER_GROUP, DISPATCH_TOPICS);
  const dispatch = await startDispatch(dispatchConfig, {
    logger: createLogger('dispatch', logLevel),
    programs: privateCatalog(programId),
  });
  closers.push(() => dispatch.close());
  return { gateway, sandbox, dispatch };
}

const json = async (response: Response): Promise<Record<string, unknown>> => {
  const text = await response.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};

/** The HTTP and database reads the suite makes, each authenticated the way its service requires. */
function clients(
  { gateway, sandbox, dispatch }: Pick<Stack, 'gateway' | 'sandbox' | 'dispatch'>,
  credentials: Credentials,
): Omit<Stack, 'gateway' | 'sandbox' | 'dispatch' | 'programId' | 'close'> {
  const sandboxAdmin: Stack['sandboxAdmin'] = async (method, path) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${credentials.sandboxKey}` },
    });
    if (!response.ok) throw new Error(`sandbox ${method} ${path} answered ${response.status}`);
    return json(response);
  };
  const payout: Stack['payout'] = async (payoutId) => {
    const response = await fetch(`${dispatch.url}/v1/payouts/${payoutId}`, {
      headers: { authorization: `Bearer ${credentials.viewerToken}` },
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`dispatch GET payout ${payoutId} answered ${response.status}`);
    return json(response);
  };
  return {
    sandboxAdmin,
    providerPayouts: async (payoutId) =>
      (await sandboxAdmin('GET', `/v1/admin/payouts?client_reference=${payoutId}`)).data as Record<string, unknown>[],
    payout,
    waitForStatus(payoutId, status) {
      let last: Record<string, unknown> | undefined;
      const reached = waitFor(
        async () => {
          last = await payout(payoutId);
          return last?.status === status ? last : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 100, description: `dispatch payout ${payoutId} ${status}` },
      );
      return explained(reached, () => last);
    },
    async gatewayGet(path) {
      const response = await fetch(`${gateway.url}${path}`, {
        headers: { authorization: `Bearer ${credentials.gatewayOperatorKey}` },
      });
      if (!response.ok) throw new Error(`gateway GET ${path} answered ${response.status}`);
      return json(response);
    },
    async deliver(body, headers) {
      const response = await fetch(`${gateway.url}/v1/webhooks/sandbox`, { method: 'POST', headers, body });
      return { status: response.status, body: await json(response) };
    },
    signed(body, eventId) {
      const timestampS = Math.floor(Date.now() / 1_000);
      return {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signCallback(credentials.callbackSecret, timestampS, body),
        [TIMESTAMP_HEADER]: String(timestampS),
        [EVENT_ID_HEADER]: eventId,
      };
    },
    async dispatchProcessed(eventId) {
      const rows = await dispatch.db
        .fork()
        .execute<{ n: string }[]>('select count(*) as n from inbox where event_id = ?', [eventId]);
      return Number(rows[0]?.n) === 1;
    },
  };
}

/** The sample program under a unique id (file name and id must match), parsed by the real loader. */
function privateCatalog(programId: string) {
  const text = readFileSync(join(repoRoot(), 'config/programs/sandbox-global.yaml'), 'utf8').replace(
    /^id: sandbox-global$/m,
    `id: ${programId}`,
  );
  return catalogOf([parseProgram(Buffer.from(text), `${programId}.yaml`)]);
}
