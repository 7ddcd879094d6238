// Risk retired: a breaking schema change reaching the running registry unnoticed, and bigint money losing precision in the real serializer.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { requireInfra, uniqueName } from '@sluice/testing';
import { avroOptions } from '../../src/avro-codec.ts';
import { TOPICS } from '../../src/generated/topics.ts';
import type { PayoutRequestedV1 } from '../../src/generated/types.ts';
import { ccompatBase, checkWithRegistry } from '../../src/registry-compatibility.ts';
import { repoRoot } from '../../src/schema-files.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const SCRIPT = fileURLToPath(new URL('../../scripts/schemas-check.ts', import.meta.url));
const TOPIC = 'payouts.requested.v1';
const repoText = readFileSync(join(repoRoot(), TOPICS[TOPIC].schemaFile), 'utf8');
const repoSchema = JSON.parse(repoText) as { fields: { name: string }[] };
/** An older PayoutRequested without beneficiary_id: the repository schema requires it and has no default for it. */
const olderSchema = { ...repoSchema, fields: repoSchema.fields.filter((f) => f.name !== 'beneficiary_id') };

suite('schemas:check against the running registry', () => {
  const url = ccompatBase(infra?.schemaRegistryUrl ?? 'http://unused');
  const subjects: string[] = [];

  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': CONTENT_TYPE, accept: CONTENT_TYPE },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text);
  }

  /** Registers `schema` as the first version of a fresh subject, optionally setting its compatibility level. */
  async function registerFresh(prefix: string, schema: object, compatibility?: 'BACKWARD'): Promise<string> {
    const subject = `${prefix}${TOPIC}-value`;
    subjects.push(subject);
    await call('POST', `/subjects/${encodeURIComponent(subject)}/versions`, {
      schema: JSON.stringify(schema),
      schemaType: 'AVRO',
    });
    if (compatibility) await call('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility });
    return subject;
  }

  afterAll(async () => {
    for (const subject of subjects) {
      const path = `/subjects/${encodeURIComponent(subject)}`;
      await call('DELETE', path).catch(() => undefined);
      await call('DELETE', `${path}?permanent=true`).catch(() => undefined);
    }
  });

  it('refuses an incompatible change under a BACKWARD subject, by the registry and by local resolution', async () => {
    const subject = await registerFresh(`${uniqueName('contracts-break')}.`, olderSchema, 'BACKWARD');
    const verdict = await checkWithRegistry(url, subject, repoText);
    expect(verdict).toEqual({
      status: 'incompatible',
      reasons: [expect.stringContaining('registry refused it'), expect.stringContaining('beneficiary_id')],
    });
  });

  it('still catches the break when the subject was left at compatibility NONE', async () => {
    const subject = await registerFresh(`${uniqueName('contracts-none')}.`, olderSchema);
    const verdict = await checkWithRegistry(url, subject, repoText);
    expect(verdict.status).toBe('incompatible');
    expect(verdict.status === 'incompatible' && verdict.reasons.join()).toContain('beneficiary_id');
  });

  it('accepts an additive change with a default, and a subject that is not registered yet', async () => {
    const subject = await registerFresh(`${uniqueName('contracts-ok')}.`, repoSchema, 'BACKWARD');
    const added = {
      ...repoSchema,
      fields: [...repoSchema.fields, { name: 'x', type: ['null', 'string'], default: null }],
    };
    expect(await checkWithRegistry(url, subject, JSON.stringify(added))).toEqual({ status: 'compatible' });
    expect(await checkWithRegistry(url, `${uniqueName('contracts-missing')}-value`, repoText)).toEqual({
      status: 'subject_missing',
    });
  });

  it('fails the command line gate with a per-schema report', async () => {
    const prefix = `${uniqueName('contracts-cli')}.`;
    await registerFresh(prefix, olderSchema, 'BACKWARD');
    const run = spawnSync(process.execPath, [SCRIPT, '--registry', url, '--subject-prefix', prefix], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`BREAK\\s+${TOPIC.replaceAll('.', '\\.')}\\s+.*registry: not compatible`));
    expect(run.stdout).toMatch(/ok\s+payouts\.accepted\.v1\s+.*not registered yet/);
  });

  it('round-trips an amount above 2^53 through the registry serializer with avroOptions()', async () => {
    const registry = new SchemaRegistry({ host: url }, { [SchemaType.AVRO]: avroOptions() });
    const subject = `${uniqueName('contracts-serde')}.${TOPIC}-value`;
    subjects.push(subject);
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(TOPICS[TOPIC].schema) },
      { subject },
    );
    const event: PayoutRequestedV1 = {
      event_id: '0193a5f0-7c1e-7d2a-9a51-3f1d2b4c5e6f',
      event_type: 'payouts.requested',
      occurred_at: Date.UTC(2025, 0, 15),
      producer: 'cli',
      correlation_id: 'trace-serde',
      causation_id: null,
      payout_id: null,
      platform_id: 'pl_1',
      request_id: 'req_1',
      platform_reference: null,
      beneficiary_id: 'bn_1',
      destination: { type: 'wallet', id: 'wa_1' },
      amount_minor: 2n ** 62n + 3n,
      currency: 'USDC',
      corridor: 'us-ph-usdc-polygon',
      metadata: {},
    };
    const decoded = (await registry.decode(await registry.encode(id, event))) as PayoutRequestedV1;
    expect(decoded.amount_minor).toBe(2n ** 62n + 3n);
    expect(decoded).toEqual(event);
  });
});
