// Risk retired: a held payout is released by the wrong people, without evidence, or without an audit trail.
import { readFileSync } from 'node:fs';
import { requireInfra } from '@sluice/testing';
import { parse } from 'yaml';
import { OPENAPI_PATH } from '../../src/adapters/http/compliance-app.ts';
import {
  acceptedEvent,
  DecisionReader,
  type Decoded,
  publishAccepted,
  startTestCompliance,
  type TestCompliance,
} from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('holds: lifecycle, 4-eyes, roles, re-evaluation, SLA', () => {
  let t: TestCompliance;
  let reader: DecisionReader;

  beforeAll(async () => {
    t = await startTestCompliance(infra!);
    reader = await DecisionReader.start(infra!);
  });

  afterAll(async () => {
    await reader?.stop();
    await t?.stop();
  });

  /** A held payout of `amountMinor` USDC minor units (KYC unknown and no W-9: held on both). */
  async function heldPayout(
    amountMinor: bigint,
  ): Promise<{ holdId: string; payoutId: string; beneficiaryId: string; held: Decoded }> {
    const event = acceptedEvent({ amount_minor: amountMinor });
    await publishAccepted(infra!, event);
    const held = await reader.waitFor(event.payout_id, 'held');
    return { holdId: held.hold!.hold_id, payoutId: event.payout_id, beneficiaryId: event.beneficiary_id, held };
  }

  const release = (who: string, holdId: string, body: object = { note: `checked by ${who}` }) =>
    t.as(who).call('POST', `/v1/holds/${holdId}/release`, body);

  it('refuses a request without a valid operator token', async () => {
    expect((await t.as('nobody').call('GET', '/v1/holds')).status).toBe(401);
  });

  it('releases above the 4-eyes threshold only with two different approvers; viewers and operators cannot release', async () => {
    const { holdId, payoutId } = await heldPayout(2_000_000_000n);
    expect((await t.as('viewer').call('GET', `/v1/holds/${holdId}`)).body.required_approvals).toBe(2);

    const byViewer = await release('viewer', holdId);
    expect(byViewer).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await release('operator', holdId)).status).toBe(403);
    const noNote = await release('approver-1', holdId, {});
    expect(noNote).toMatchObject({ status: 422, body: { errors: [{ path: 'note', code: 'evidence_note_required' }] } });

    const first = await release('approver-1', holdId, { note: 'KYC verified by phone', evidence_refs: ['ticket:42'] });
    expect(first).toMatchObject({
      status: 200,
      body: { result: 'awaiting_second_approval', hold: { status: 'open' } },
    });
    const again = await release('approver-1', holdId);
    expect(again).toMatchObject({ status: 409, body: { code: 'same_approver' } });
    expect(reader.of(payoutId).map((e) => e.decision)).toEqual(['held']);

    const second = await release('approver-2', holdId, { note: 'second review: documents match' });
    expect(second.body).toMatchObject({
      result: 'released',
      hold: { status: 'released', resolved_by: ['approver-1', 'approver-2'] },
    });
    const released = await reader.waitFor(payoutId, 'released');
    expect(released).toMatchObject({
      decided_by: 'approver-1,approver-2',
      note: 'second review: documents match',
      checks: [],
      mode: 'live',
      hold: { hold_id: holdId, reason_codes: ['kyc_unknown', 'tax_artifact_missing'] },
    });
    expect(released.hold?.evidence_refs).toContain('ticket:42');
    expect((await release('admin', holdId)).body.code).toBe('hold_not_open');

    const detail = await t.as('viewer').call('GET', `/v1/holds/${holdId}`);
    expect(detail.body.audit.map((a: { action: string; actor: string }) => `${a.actor}:${a.action}`)).toEqual([
      'system:hold_opened',
      'viewer:hold_release_refused',
      'operator:hold_release_refused',
      'approver-1:hold_release_approved',
      'approver-1:hold_release_refused',
      'approver-2:hold_released',
      'admin:hold_release_refused',
    ]);
    expect(detail.body.approvals.map((a: { operator_id: string }) => a.operator_id)).toEqual([
      'approver-1',
      'approver-2',
    ]);
  });

  it('releases at or below the threshold with one approver', async () => {
    const { holdId, payoutId } = await heldPayout(1_000_000_000n);
    const released = await release('approver-1', holdId);
    expect(released.body.result).toBe('released');
    expect((await reader.waitFor(payoutId, 'released')).decided_by).toBe('approver-1');
  });

  it('denies a held payout with an evidence note and publishes the denial with the hold', async () => {
    const { holdId, payoutId } = await heldPayout(5_000_000n);
    expect((await t.as('viewer').call('POST', `/v1/holds/${holdId}/deny`, { note: 'x' })).status).toBe(403);
    const denied = await t
      .as('approver-2')
      .call('POST', `/v1/holds/${holdId}/deny`, { note: 'beneficiary unreachable' });
    expect(denied.body).toMatchObject({ result: 'denied', hold: { status: 'denied' } });
    expect(await reader.waitFor(payoutId, 'denied')).toMatchObject({
      decided_by: 'approver-2',
      note: 'beneficiary unreachable',
      hold: { hold_id: holdId },
    });
    const list = await t.as('viewer').call('GET', `/v1/holds?status=denied&payout_id=${payoutId}`);
    expect(list.body.data).toHaveLength(1);
  });

  it('re-evaluates a beneficiary’s holds when its KYC or tax artifact changes, masking the tax id', async () => {
    const { holdId, beneficiaryId } = await heldPayout(5_000_000n);
    expect((await t.as('approver-1').call('PUT', `/v1/beneficiaries/${beneficiaryId}/kyc`, {})).status).toBe(403);
    const kyc = await t.as('operator').call('PUT', `/v1/beneficiaries/${beneficiaryId}/kyc`, {
      status: 'verified',
      legal_name: 'Grace Hopper',
      evidence_ref: 'kyc-vendor/case/9',
    });
    expect(kyc.body.reevaluated_holds).toEqual([
      {
        hold_id: holdId,
        active_before: ['kyc_unknown', 'tax_artifact_missing'],
        active_after: ['tax_artifact_missing'],
        cleared: false,
      },
    ]);
    const tax = await t.as('operator').call('PUT', `/v1/beneficiaries/${beneficiaryId}/tax-artifacts/W-9`, {
      status: 'present',
      identifier: '987-65-4321',
      evidence_ref: 'docs/w9/9',
    });
    expect(tax.body).toMatchObject({
      masked_identifier: '…4321',
      reevaluated_holds: [{ hold_id: holdId, cleared: true }],
    });
    expect(JSON.stringify(tax.body)).not.toContain('987-65');
    const profile = await t.as('viewer').call('GET', `/v1/beneficiaries/${beneficiaryId}`);
    expect(profile.body).toMatchObject({
      status: 'verified',
      tax_artifacts: [{ type: 'W-9', masked_identifier: '…4321' }],
    });

    // Cleared is not released: the hold stays open until an approver releases it.
    const hold = (await t.as('viewer').call('GET', `/v1/holds/${holdId}`)).body;
    expect(hold).toMatchObject({ status: 'open', cleared: true, reason_codes: [] });
    expect(
      hold.checks.filter((c: { trigger: string }) => c.trigger === 'reevaluation').map((c: { gate: string }) => c.gate),
    ).toEqual(['kyc', 'tax_artifacts']);
    expect((await release('approver-1', holdId)).body.result).toBe('released');
  });

  it('shows SLA breaches in the list and in the metrics', async () => {
    const { holdId } = await heldPayout(5_000_000n);
    expect((await t.as('viewer').call('GET', `/v1/holds?sla=breached&status=open`)).body.data).toEqual([]);
    t.clock.advance(241 * 60_000);
    const swept = await t.compliance.sweepSla();
    expect(swept.newlyBreached).toBeGreaterThanOrEqual(1);
    const breached = await t.as('viewer').call('GET', '/v1/holds?sla=breached&status=open');
    expect(breached.body.data.map((h: { id: string }) => h.id)).toContain(holdId);
    expect(breached.body.data.every((h: { sla_breached: boolean }) => h.sla_breached)).toBe(true);
    const metrics = await (await fetch(`${t.compliance.url}/metrics`)).text();
    expect(metrics).toMatch(/compliance_holds_sla_breached\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(/compliance_hold_sla_breaches_total\{[^}]*\} [1-9]/);
    const audit = (await t.as('viewer').call('GET', `/v1/holds/${holdId}`)).body.audit;
    expect(audit.at(-1)).toMatchObject({
      actor: 'system',
      action: 'hold_sla_breached',
      detail: { escalation_owner: 'compliance-ops' },
    });
  });

  it('serves readiness per program with every item and its gaps', async () => {
    const report = await t.as('viewer').call('GET', '/v1/programs/sandbox-global/readiness');
    expect(report.body.markets.map((m: { country: string; ready: boolean }) => [m.country, m.ready])).toEqual([
      ['US', true],
      ['PH', false],
    ]);
    expect(report.body.markets[1].items.find((i: { id: string }) => i.id === 'settlement_path').missing).toEqual([
      'corridors.PH-USDC-SOLANA.exceptionPath',
    ]);
    expect((await t.as('viewer').call('GET', '/v1/programs/nope/readiness')).status).toBe(404);
  });

  it('lets only admins manage operators; a new token works once issued', async () => {
    expect((await t.as('approver-1').call('GET', '/v1/operators')).status).toBe(403);
    const created = await t
      .as('admin')
      .call('POST', '/v1/operators', { id: 'auditor', name: 'Ida Auditor', role: 'viewer' });
    expect(created.status).toBe(201);
    const list = await t.as('admin').call('GET', '/v1/operators');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token.slice(20));
    const { ApiClient } = await import('./harness.ts');
    const auditor = new ApiClient(t.compliance.url, created.body.token);
    expect((await auditor.call('GET', '/v1/holds')).status).toBe(200);
  });

  it('documents exactly the express routes in docs/openapi/compliance.yaml', () => {
    const spec = parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    type Layer = { route?: { path: string; methods: Record<string, boolean> } };
    const stack = (t.compliance.app as unknown as { router: { stack: Layer[] } }).router.stack;
    const served = stack
      .flatMap(({ route }) =>
        route?.path.startsWith('/v1/')
          ? Object.keys(route.methods).map((m) => `${m.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
          : [],
      )
      .sort();
    expect(served.length).toBeGreaterThan(10);
    expect(served).toEqual(documented);
  });
});
