// Risk retired: an accepted payout is not decided exactly once on Kafka with its checks, mode and config version.
import { requireInfra, uniqueName, waitFor } from '@sluice/testing';
import {
  acceptedEvent,
  DecisionReader,
  publishAccepted,
  publishKeyed,
  SANCTIONED_ADDRESS,
  startTestCompliance,
  type TestCompliance,
} from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('payouts.accepted.v1 → compliance.decided.v1', () => {
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

  it('approves a cleared beneficiary in a live market with every gate recorded', async () => {
    const event = acceptedEvent();
    await t.as('operator').clearBeneficiary(event.beneficiary_id);
    await publishAccepted(infra!, event);
    const decided = await reader.waitFor(event.payout_id, 'approved');
    expect(decided).toMatchObject({
      program_id: 'sandbox-global',
      market: 'US',
      mode: 'live',
      corridor: 'US-USDC-BASE',
      amount_minor: 50_000_000n,
      currency: 'USDC',
      hold: null,
      decided_by: null,
      causation_id: event.event_id,
      correlation_id: event.correlation_id,
    });
    expect(decided.config_version).toMatch(/^2026\.05\.1@[0-9a-f]{16}$/);
    expect(decided.checks.map((c) => c.gate)).toEqual([
      'market_mode',
      'kyc',
      'sanctions',
      'kyt',
      'tax_artifacts',
      'limits',
    ]);
    for (const check of decided.checks) {
      expect(check).toMatchObject({ result: 'allow', code: null });
      expect(check.input_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(check.owner).not.toMatch(/^unassigned/);
    }
    const stored = await t.as('viewer').call('GET', `/v1/payouts/${event.payout_id}/decision`);
    expect(stored.body).toMatchObject({ decision: 'approved', mode: 'live', hold_id: null });
    expect(stored.body.checks).toHaveLength(6);
  });

  it('holds an unknown beneficiary (KYC unknown by default) with a hold object', async () => {
    const event = acceptedEvent();
    await publishAccepted(infra!, event);
    const decided = await reader.waitFor(event.payout_id, 'held');
    expect(decided.hold).toMatchObject({
      reason_codes: ['kyc_unknown', 'tax_artifact_missing'],
      owner: 'compliance-analysts',
    });
    const hold = decided.hold!;
    expect(hold.unblock_path).toMatch(/KYC.*then release by an approver$/);
    expect(hold.sla_deadline - decided.checks[0]!.checked_at).toBe(240 * 60_000);
    const holds = await t.as('viewer').call('GET', `/v1/holds?payout_id=${event.payout_id}`);
    expect(holds.body.data).toEqual([
      expect.objectContaining({ id: hold.hold_id, status: 'open', escalation_owner: 'compliance-ops' }),
    ]);
  });

  it('denies a sanctioned destination', async () => {
    const event = acceptedEvent({ destination_address: SANCTIONED_ADDRESS });
    await t.as('operator').clearBeneficiary(event.beneficiary_id);
    await publishAccepted(infra!, event);
    const decided = await reader.waitFor(event.payout_id, 'denied');
    const sanctions = decided.checks.find((c) => c.gate === 'sanctions');
    expect(sanctions).toMatchObject({ result: 'deny', code: 'sanctions_match' });
    expect(sanctions?.rule_version).toMatch(/^1\+lists\.[0-9a-f]{16}$/);
    expect(decided.hold).toBeNull();
  });

  it('approves in read-only mode for a market whose readiness fails (the default until ready)', async () => {
    const event = acceptedEvent({
      corridor: 'PH-USDC-SOLANA',
      market: 'PH',
      network: 'solana',
      destination_address: 'So1anaBeneficiary1111111111111111111111111',
    });
    await t.as('operator').clearBeneficiary(event.beneficiary_id);
    await publishAccepted(infra!, event);
    const decided = await reader.waitFor(event.payout_id, 'approved');
    expect(decided.mode).toBe('read_only');
    // PH requires only KYC and sanctions: only those gates run (and are claimed as checked).
    expect(decided.checks.map((c) => c.gate)).toEqual(['market_mode', 'kyc', 'sanctions']);
  });

  it('denies a payout whose corridor is not in the program', async () => {
    const event = acceptedEvent({ corridor: 'US-USDC-SOLANA' });
    await publishAccepted(infra!, event);
    const decided = await reader.waitFor(event.payout_id, 'denied');
    expect(decided.checks).toEqual([expect.objectContaining({ gate: 'market_mode', code: 'corridor_unknown' })]);
    expect(decided.mode).toBe('read_only');
  });

  it('gives one decision for a duplicate accepted event, and for the same payout re-sent under a new event id', async () => {
    const event = acceptedEvent();
    await t.as('operator').clearBeneficiary(event.beneficiary_id);
    const resent = { ...event, event_id: acceptedEvent().event_id };
    const marker = acceptedEvent();
    await t.as('operator').clearBeneficiary(marker.beneficiary_id);
    // Same key, same partition: once the marker is decided, every copy before it has been consumed.
    await publishKeyed(infra!, event.payout_id, [event, event, resent, marker]);
    await reader.waitFor(marker.payout_id, 'approved');
    // Every copy was consumed before the marker (one partition, in order), so the outbox holds every decision there
    // will be. The topic says the same, once the payout's partition has been read (it may trail the marker's).
    const decisions = await t.compliance.db
      .fork()
      .execute<{ n: string }[]>(
        "select count(*) as n from outbox where topic = 'compliance.decided.v1' and payout_id = ?",
        [event.payout_id],
      );
    expect(Number(decisions[0]!.n)).toBe(1);
    await reader.waitFor(event.payout_id, 'approved');
    expect(reader.of(event.payout_id).map((e) => e.decision)).toEqual(['approved']);
    const runs = await t.as('viewer').call('GET', `/v1/payouts/${event.payout_id}/decision`);
    expect(runs.body.checks).toHaveLength(6);
  });

  it('enforces the per-payout limit and the beneficiary daily velocity', async () => {
    const beneficiaryId = uniqueName('ben');
    await t.as('operator').clearBeneficiary(beneficiaryId);
    const big = acceptedEvent({ beneficiary_id: beneficiaryId, amount_minor: 10_000_000_001n });
    await publishAccepted(infra!, big);
    const denied = await reader.waitFor(big.payout_id, 'denied');
    expect(denied.checks.at(-1)).toMatchObject({ gate: 'limits', code: 'limit_per_payout_exceeded' });
    // 25 000 USDC a day per beneficiary: 9 000 + 9 000 fit, the third 9 000 does not (the denied one took nothing).
    const payouts = [1, 2, 3].map(() => acceptedEvent({ beneficiary_id: beneficiaryId, amount_minor: 9_000_000_000n }));
    for (const p of payouts) {
      await publishAccepted(infra!, p);
      await waitFor(() => reader.of(p.payout_id)[0], { description: `decision for ${p.payout_id}` });
    }
    expect(payouts.map((p) => reader.of(p.payout_id)[0]?.decision)).toEqual(['approved', 'approved', 'held']);
    expect(reader.of(payouts[2]!.payout_id)[0]?.hold?.reason_codes).toEqual(['velocity_beneficiary_exceeded']);
  });

  it('counts velocity in event order when one chunk screens several payouts of a beneficiary', async () => {
    const beneficiaryId = uniqueName('ben');
    await t.as('operator').clearBeneficiary(beneficiaryId);
    const payouts = [1, 2, 3, 4].map(() =>
      acceptedEvent({ beneficiary_id: beneficiaryId, amount_minor: 9_000_000_000n }),
    );
    // One key, one partition, one publish: the consumer takes them as one chunk (one transaction, reads up front).
    await publishKeyed(infra!, beneficiaryId, [...payouts, payouts[0]!]);
    // Decisions are keyed by payout, so they land on different partitions: the last one read says nothing of the others.
    await waitFor(() => payouts.every((p) => reader.of(p.payout_id)[0]), { description: 'a decision of every payout' });
    expect(payouts.map((p) => reader.of(p.payout_id).map((e) => e.decision))).toEqual([
      ['approved'],
      ['approved'],
      ['held'],
      ['held'],
    ]);
    const held = await t.as('viewer').call('GET', `/v1/holds?payout_id=${payouts[2]!.payout_id}`);
    expect(held.body.data).toEqual([expect.objectContaining({ status: 'open' })]);
  });
});
