import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Envelope } from '@sluice/messaging';
import { positionGroupAtEnd, publishEvents, serviceEnv, testNamespace } from '@sluice/messaging/testing';
import { catalogOf, parseProgram } from '@sluice/program-config';
import { createLogger } from '@sluice/service-kit';
import { freshDatabase, type InfraEndpoints, repoRoot, uniqueName, waitFor } from '@sluice/testing';
import { loadDispatchConfig } from '../../../src/config.ts';
import type { OperatorRole } from '../../../src/domain/operator.ts';
import { operatorKeyEntry } from '../../../src/index.ts';
import { type DispatchHandles, startDispatch } from '../../../src/main.ts';
import { EventTap } from './event-tap.ts';
import { acceptedPayload, decisionPayload, type TestPayout } from './payouts.ts';
import type { SandboxProcess } from './sandbox-process.ts';

/** Fast timings so every scenario converges in seconds; each is a documented DISPATCH_* variable. */
const FAST: Record<string, string> = {
  DISPATCH_PROVIDER_TIMEOUT_MS: '1000',
  DISPATCH_TICK_MS: '50',
  DISPATCH_POLL_AFTER_MS: '300',
  DISPATCH_POLL_MAX_MS: '1000',
  DISPATCH_UNKNOWN_RESEND_AFTER_MS: '400',
  DISPATCH_REVERSAL_WATCH_MS: '30000',
  DISPATCH_FUNDING_CHECK_MS: '300',
  DISPATCH_RETRY_BASE_MS: '100',
  DISPATCH_RETRY_MAX_MS: '1000',
  DISPATCH_BREAKER_VOLUME: '3',
  DISPATCH_BREAKER_RESET_MS: '1500',
};

const ROLES: readonly OperatorRole[] = ['viewer', 'payout_support', 'incident_response', 'admin'];

/** The topics dispatch consumes: its throwaway group starts at their ends. */
export const CONSUMED = ['payouts.accepted.v1', 'compliance.decided.v1', 'provider.callbacks-received.v1'];

/**
 * dispatch (in process, fresh database, the test topic namespace, a throwaway consumer group) wired to a sandbox
 * process, plus test helpers.
 */
export interface Harness {
  readonly dispatch: DispatchHandles;
  readonly sandbox: SandboxProcess;
  /** A program of its own (a copy of config/programs/sandbox-global.yaml), so payouts of other suites never route here. */
  readonly programId: string;
  readonly tap: EventTap;
  token(role: OperatorRole): string;
  api(
    method: string,
    path: string,
    role?: OperatorRole | null,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  publishAccepted(p: TestPayout): Promise<string>;
  publishDecision(
    p: TestPayout,
    decision: 'approved' | 'released' | 'held' | 'denied',
    mode?: 'live' | 'read_only',
  ): Promise<string>;
  /** Publishes any payload about `p` on `topic` (envelope built like a real producer's). */
  publish(topic: string, payload: Record<string, unknown>, p: TestPayout, producer: string): Promise<string>;
  /** Builds the envelope `publish` would send, without sending it. */
  build(
    topic: string,
    payload: Record<string, unknown>,
    p: TestPayout,
    producer: string,
  ): Envelope & Record<string, unknown>;
  /** Sends events on `topic` in one produce call under one Kafka key: one partition, in order, fetched together. */
  publishTogether(topic: string, events: readonly (Envelope & Record<string, unknown>)[]): Promise<void>;
  /** Publishes an already built event again, byte for byte the same envelope (a redelivery). */
  republish(topic: string, event: Envelope & Record<string, unknown>): Promise<void>;
  lastPublished(): Envelope & Record<string, unknown>;
  payout(payoutId: string): Promise<Record<string, unknown>>;
  waitForStatus(payoutId: string, status: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startHarness(
  infra: InfraEndpoints,
  sandbox: SandboxProcess,
  env: Record<string, string> = {},
): Promise<Harness> {
  const db = await freshDatabase(infra.postgresUrl, 'dispatch');
  const scoped = await testNamespace(infra);
  const group = uniqueName('dispatch-it');
  await positionGroupAtEnd(scoped, group, CONSUMED);
  const programId = `dispatch-it-${randomBytes(3).toString('hex')}`;
  const tokens = new Map(ROLES.map((role) => [role, `op_${role}_${randomBytes(24).toString('hex')}`]));
  const config = loadDispatchConfig({
    ...FAST,
    LOG_LEVEL: 'warn',
    HTTP_PORT: '0',
    ...serviceEnv(scoped),
    DISPATCH_DB_NAME: db.name,
    DISPATCH_CONSUMER_GROUP: group,
    SANDBOX_URL: sandbox.url,
    SANDBOX_API_KEY: sandbox.apiKey,
    DISPATCH_OPERATOR_KEYS: ROLES.map((role) => operatorKeyEntry(`op-${role}`, role, tokens.get(role)!)).join(','),
    ...env,
  });
  const dispatch = await startDispatch(config, {
    logger: createLogger('dispatch', 'warn'),
    programs: testCatalog(programId),
  });
  const tap = await EventTap.start(scoped);
  let last: (Envelope & Record<string, unknown>) | undefined;
  const send = (topic: string, event: Envelope & Record<string, unknown>) =>
    publishEvents(scoped, topic, [{ key: String(event.payout_id), event }]);
  const build: Harness['build'] = (topic, payload, p, producer) => {
    const built = dispatch.messaging.outbox.event(topic, payload, {
      correlationId: p.correlationId,
      payoutId: p.payoutId,
    });
    return { ...built.event, producer };
  };
  const publish = async (topic: string, payload: Record<string, unknown>, p: TestPayout, producer: string) => {
    const event = build(topic, payload, p, producer);
    last = event;
    await send(topic, event);
    return event.event_id;
  };
  const api: Harness['api'] = async (method, path, role = 'admin') => {
    const res = await fetch(`${dispatch.url}${path}`, {
      method,
      headers: role ? { authorization: `Bearer ${tokens.get(role)}` } : {},
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const payout = async (payoutId: string) => {
    const res = await api('GET', `/v1/payouts/${payoutId}`);
    if (res.status !== 200) throw new Error(`GET payout ${payoutId}: ${res.status}`);
    return res.body;
  };
  return {
    dispatch,
    sandbox,
    programId,
    tap,
    token: (role) => tokens.get(role)!,
    api,
    publishAccepted: (p) => publish('payouts.accepted.v1', acceptedPayload(p), p, 'intake'),
    publishDecision: (p, decision, mode = 'live') =>
      publish('compliance.decided.v1', decisionPayload(p, decision, mode), p, 'compliance'),
    publish,
    build,
    async publishTogether(topic, events) {
      const key = uniqueName('together');
      await publishEvents(
        scoped,
        topic,
        events.map((event) => ({ key, event })),
      );
    },
    republish: (topic, event) => send(topic, event),
    lastPublished: () => last!,
    payout,
    async waitForStatus(payoutId, status, timeoutMs = 30_000) {
      return waitFor(
        async () => {
          const body = await payout(payoutId).catch(() => undefined);
          return body?.status === status ? body : undefined;
        },
        { timeoutMs, intervalMs: 100, description: `payout ${payoutId} ${status}` },
      );
    },
    async close() {
      await tap.stop();
      await dispatch.close();
      await db.drop();
    },
  };
}

/** The sample program under a unique id (file name and id must match), parsed by the real loader. */
function testCatalog(programId: string) {
  const bytes = readFileSync(join(repoRoot(), 'config/programs/sandbox-global.yaml'), 'utf8').replace(
    /^id: sandbox-global$/m,
    `id: ${programId}`,
  );
  return catalogOf([parseProgram(Buffer.from(bytes), `${programId}.yaml`)]);
}
