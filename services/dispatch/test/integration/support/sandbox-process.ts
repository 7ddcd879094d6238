import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, freshDatabase, type InfraEndpoints, repoRoot, waitFor } from '@sluice/testing';

/** The provider sandbox running as its own process (its own port, database and API key), as a real provider would. */
export interface SandboxProcess {
  readonly url: string;
  readonly apiKey: string;
  /** The sandbox's own record of the payouts for a client reference (our payout id). */
  payoutsFor(clientReference: string): Promise<{ id: string; status: string; idempotency_key: string }[]>;
  /** Every create call the sandbox received for a client reference, whatever it answered. */
  callsFor(clientReference: string): Promise<{ http_status: number; idempotency_key: string }[]>;
  fund(currency: string, amountMinor: bigint): Promise<void>;
  setCredentialsRevoked(revoked: boolean): Promise<void>;
  stop(): Promise<void>;
}

const API_KEY = 'sbx_dispatch_it_key';

/** Spawns `node services/provider-sandbox/src/main.ts` on a random port with a fresh database; waits until healthy. */
export async function startSandboxProcess(
  infra: InfraEndpoints,
  env: Record<string, string> = {},
): Promise<SandboxProcess> {
  const db = await freshDatabase(infra.postgresUrl, 'sbx');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot(), 'services/provider-sandbox/src/main.ts')], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      LOG_LEVEL: 'warn',
      HTTP_PORT: String(port),
      DATABASE_URL: infra.postgresUrl,
      SANDBOX_DB_NAME: db.name,
      SANDBOX_API_KEYS: API_KEY,
      SANDBOX_STEP_DELAY_MS: '100',
      SANDBOX_SLOW_STEP_DELAY_MS: '600',
      SANDBOX_TIMEOUT_DELAY_MS: '2500',
      SANDBOX_POLL_INTERVAL_MS: '50',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(async () => (await fetch(`${url}/healthz`)).ok, { timeoutMs: 30_000, description: 'sandbox /healthz' });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  return {
    url,
    apiKey: API_KEY,
    payoutsFor: async (ref) =>
      (await call('GET', `/v1/admin/payouts?client_reference=${encodeURIComponent(ref)}`)).data as never,
    callsFor: async (ref) =>
      (await call('GET', `/v1/admin/calls?client_reference=${encodeURIComponent(ref)}`)).data as never,
    async fund(currency, amountMinor) {
      await call('POST', '/v1/fundings', { currency, amount_minor: amountMinor.toString() });
    },
    async setCredentialsRevoked(revoked) {
      await call('POST', `/v1/admin/credentials/${revoked ? 'revoke' : 'restore'}`);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await db.drop();
    },
  };
}
