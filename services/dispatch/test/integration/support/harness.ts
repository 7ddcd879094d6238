import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Envelope } from '@sluice/messaging';
import { frame } from '@sluice/messaging';
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

/** dispatch (in process, fresh database, throwaway consumer group) wired to a sandbox process, plus test helpers. */
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
  const programId = `dispatch-it-${randomBytes(3).toString('hex')}`;
  const tokens = new Map(ROLES.map((role) => [role, `op_${role}_${randomBytes(24).toString('hex')}`]));
  const config = loadDispatchConfig({
    ...FAST,
    LOG_LEVEL: 'warn',
    HTTP_PORT: '0',
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: infra.schemaRegistryUrl,
    DATABASE_URL: infra.postgresUrl,
    DISPATCH_DB_NAME: db.name,
    DISPATCH_CONSUMER_GROUP: uniqueName('dispatch-it'),
    DISPATCH_CONSUMER_FROM_BEGINNING: 'false',
    SANDBOX_URL: sandbox.url,
    SANDBOX_API_KEY: sandbox.apiKey,
    DISPATCH_OPERATOR_KEYS: ROLES.map((role) => operatorKeyEntry(`op-${role}`, role, tokens.get(role)!)).join(','),
    ...env,
  });
  const dispatch = await startDispatch(config, {
    logger: createLogger('dispatch', 'warn'),
    programs: testCatalog(programId),
  });
  const tap = await EventTap.start(dispatch.messaging, infra);
  let last: (Envelope & Record<string, unknown>) | undefined;
  const send = async (topic: string, event: Envelope & Record<string, unknown>, partition?: number) => {
    const value = frame(
      await dispatch.messaging.registry.schemaId(topic),
      dispatch.messaging.codec.encode(topic, event),
    );
    await dispatch.messaging.producer.send({
      topic,
      messages: [{ key: String(event.payout_id), value, ...(partition === undefined ? {} : { partition }) }],
    });
  };
  const publish = async (topic: string, payload: Record<string, unknown>, p: TestPayout, producer: string) => {
    const built = dispatch.messaging.outbox.event(topic, payload, {
      correlationId: p.correlationId,
      payoutId: p.payoutId,
    });
    const event = { ...built.event, producer };
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
  await awaitConsumerPositioned(dispatch, send, programId);
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

/**
 * A throwaway group that starts at the end of the topics must have its offsets resolved on every partition before
 * the test publishes: one probe per partition of each consumed topic, then wait until dispatch recorded them all.
 */
async function awaitConsumerPositioned(
  dispatch: DispatchHandles,
  send: (topic: string, event: Envelope & Record<string, unknown>, partition?: number) => Promise<void>,
  programId: string,
): Promise<void> {
  const admin = dispatch.messaging.kafka.admin();
  await admin.connect();
  const metadata = await admin.fetchTopicMetadata({ topics: ['payouts.accepted.v1', 'compliance.decided.v1'] });
  await admin.disconnect();
  const partitions = metadata.topics.flatMap((topic) =>
    topic.partitions.map((p) => [topic.name, p.partitionId] as const),
  );
  const round = async (): Promise<boolean> => {
    const probes = await Promise.all(
      partitions.map(async ([topic, partition]) => {
        const probe = acceptedProbe(programId);
        const payload: Record<string, unknown> =
          topic === 'payouts.accepted.v1' ? acceptedPayload(probe) : decisionPayload(probe, 'held');
        const trace = { correlationId: probe.correlationId, payoutId: probe.payoutId };
        await send(topic, dispatch.messaging.outbox.event(topic, payload, trace).event, partition);
        return probe.payoutId;
      }),
    );
    const recorded = async () => {
      const rows = await dispatch.db
        .fork()
        .execute<{ n: string }[]>(
          `select count(*) as n from dispatch_payouts where payout_id in (${probes.map(() => '?').join(', ')})`,
          probes,
        );
      return Number(rows[0]?.n) === probes.length ? true : undefined;
    };
    return waitFor(recorded, { timeoutMs: 5_000, intervalMs: 100 }).catch(() => false);
  };
  // A round sent before the group resolved its offsets may be skipped on some partitions: send rounds until one lands.
  await waitFor(round, {
    timeoutMs: 60_000,
    intervalMs: 0,
    description: 'dispatch consumer positioned on every partition',
  });
}

function acceptedProbe(programId: string): TestPayout {
  const id = `probe-${randomBytes(8).toString('hex')}`;
  return {
    payoutId: id,
    correlationId: id,
    programId,
    corridor: 'US-USDC-BASE',
    market: 'US',
    network: 'base',
    address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    amountMinor: 1n,
    currency: 'USDC',
    metadata: {},
  };
}
