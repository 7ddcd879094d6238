import type { Stack } from '../stack/stack.ts';
import { expectOk, jsonClient } from './http.ts';
import { print, section, table } from './print.ts';
import { complianceAs } from './setup.demo.ts';
import type { Submitted } from './submit.demo.ts';

const CONVERGE_TIMEOUT_MS = 180_000;

type Views = Map<string, Record<string, unknown>>;

async function views(stack: Stack, batch: readonly Submitted[]): Promise<Views> {
  const intake = jsonClient(stack.urls.intake, stack.credentials.platform.apiKey);
  const result: Views = new Map();
  for (const payout of batch) {
    result.set(payout.payoutId, expectOk(await intake.get(`/v1/payouts/${payout.payoutId}`), 'GET /v1/payouts/:id'));
  }
  return result;
}

/**
 * The operators' side while the pipeline runs: the held payout is released by two different approvers (the same one
 * twice is refused), and the provider account that ran dry is topped up. Ends when every payout is where it should be.
 */
export async function driveToConvergence(stack: Stack, batch: readonly Submitted[]): Promise<Views> {
  section('Compliance and dispatch: holds, releases, provider outcomes');
  const held = batch.find((p) => p.beneficiary === 'ben')!;
  const fundsHold = batch.find((p) => p.scenario === 'insufficient_funds')!;
  let released = false;
  let funded = false;
  const deadline = Date.now() + CONVERGE_TIMEOUT_MS;
  let current = await views(stack, batch);
  while (Date.now() < deadline) {
    if (!released && current.get(held.payoutId)?.status === 'held') {
      await releaseWithTwoApprovers(stack, held.payoutId);
      released = true;
    }
    if (!funded && current.get(fundsHold.payoutId)?.status === 'funding_hold') {
      const sandbox = jsonClient(stack.urls['provider-sandbox'], stack.credentials.sandbox.apiKey);
      expectOk(await sandbox.post('/v1/fundings', { currency: 'USDC', amount_minor: '1000000000000' }), 'top up');
      print(
        `  dispatch: ${fundsHold.payoutId} waited in funding_hold; provider account topped up → resubmitted, same key`,
      );
      funded = true;
    }
    if (batch.every((p) => current.get(p.payoutId)?.status === p.expected)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
    current = await views(stack, batch);
  }
  const rows = [['payout', 'case', 'scenario', 'expected', 'final', '']];
  for (const p of batch) {
    const status = String(current.get(p.payoutId)?.status);
    rows.push([p.payoutId, p.label, p.scenario, p.expected, status, status === p.expected ? 'ok' : 'MISMATCH']);
  }
  table(rows);
  const mismatches = batch.filter((p) => current.get(p.payoutId)?.status !== p.expected);
  if (mismatches.length > 0) {
    throw new Error(`${mismatches.length} payout(s) did not converge within ${CONVERGE_TIMEOUT_MS / 1000} s`);
  }
  for (const scenario of ['timeout', 'insufficient_funds', 'missing_callbacks']) {
    const payout = batch.find((p) => p.scenario === scenario)!;
    print(`  ${payout.label.padEnd(22)} ${await lifecycle(stack, payout.payoutId)}`);
  }
  return current;
}

/** The payout's transitions as dispatch recorded them, each with what caused it (submit, poll, callback …). */
export async function lifecycle(stack: Stack, payoutId: string): Promise<string> {
  const dispatch = jsonClient(stack.urls.dispatch, stack.credentials.dispatchOperator.token);
  const payout = expectOk(await dispatch.get(`/v1/payouts/${payoutId}`), 'dispatch GET /v1/payouts/:id');
  const transitions = (payout.transitions as { to: string; source?: string }[] | undefined) ?? [];
  return transitions.map((t) => `${t.to}${t.source ? ` (${t.source})` : ''}`).join(' → ') || String(payout.status);
}

async function releaseWithTwoApprovers(stack: Stack, payoutId: string): Promise<void> {
  const first = complianceAs(stack, 'approver-1');
  const holds = expectOk(await first.holds({ payout_id: payoutId }), 'list holds');
  const hold = (holds.data as { id: string; reason_codes: string[]; owner?: string }[])[0];
  if (!hold) throw new Error(`no hold for ${payoutId}`);
  print(`  compliance: ${payoutId} held (${hold.reason_codes.join(', ')}), owner ${hold.owner ?? 'n/a'}`);
  const note = 'KYC completed out of band; documents reviewed (demo)';
  const one = await first.release(hold.id, note, ['kyc-case-demo']);
  print(`  approver-1 releases → ${one.status} ${String(one.body.status ?? one.body.code ?? '')}`);
  const again = await first.release(hold.id, note, ['kyc-case-demo']);
  print(
    `  approver-1 again → ${again.status} ${String(again.body.code ?? '')} (four eyes: the same person cannot approve twice)`,
  );
  const two = await complianceAs(stack, 'approver-2').release(hold.id, note, ['kyc-case-demo']);
  print(`  approver-2 releases → ${two.status} ${String(two.body.status ?? '')}: compliance.decided.v1 "released"`);
}
