import { formatErpEntries, formatInvariants, type InvariantReport, readPostedLedger } from '@sluice/ledger';
import { kafkaTopicName } from '@sluice/messaging';
import { formatMinor } from '@sluice/money';
import type { InfraEndpoints } from '../infra/index.ts';
import type { Stack } from '../stack/stack.ts';
import { lifecycle } from './converge.demo.ts';
import { DEMO_NAMESPACE } from './demo-namespace.ts';
import { expectOk, jsonClient } from './http.ts';
import { print, section, table } from './print.ts';
import type { Submitted } from './submit.demo.ts';

/** Per-state counts, one payout's whole story, and the ledger as finance and an ERP consumer see it. */
export async function printSummary(
  stack: Stack,
  endpoints: InfraEndpoints,
  batch: readonly Submitted[],
  finalViews: Map<string, Record<string, unknown>>,
): Promise<void> {
  section('Summary: payouts by final state');
  const counts = new Map<string, number>();
  for (const view of finalViews.values()) counts.set(String(view.status), (counts.get(String(view.status)) ?? 0) + 1);
  table([['state', 'payouts'], ...[...counts].sort().map(([state, n]) => [state, String(n)])]);

  const traced = batch.find((p) => p.scenario === 'short_settlement')!;
  section(`One payout's story: ${traced.payoutId} (${traced.label})`);
  const view = finalViews.get(traced.payoutId)!;
  print(
    `  intake:      ${view.status}, instructed ${view.amount_minor} ${view.currency}, settled ${view.settled_amount_minor}, fee ${view.fee_amount_minor}, provider ref ${view.provider_reference}`,
  );
  const compliance = jsonClient(
    stack.urls.compliance,
    stack.credentials.complianceOperators.find((o) => o.role === 'viewer')!.token,
  );
  const decision = expectOk(await compliance.get(`/v1/payouts/${traced.payoutId}/decision`), 'decision');
  const checks = (decision.checks as { gate: string; result: string; rule_version?: string }[] | undefined) ?? [];
  print(`  compliance:  ${decision.decision}; gates ${checks.map((c) => `${c.gate}=${c.result}`).join(', ')}`);
  print(`  dispatch:    ${await lifecycle(stack, traced.payoutId)}`);
  const gateway = jsonClient(stack.urls['webhook-gateway'], stack.credentials.webhookOperator.key);
  const callbacks = expectOk(await gateway.get(`/v1/callbacks?payout_id=${traced.payoutId}`), 'callbacks');
  for (const c of callbacks.data as { provider_status: string; verification: { verdict: string; key_id: string } }[]) {
    print(`  callback:    ${c.provider_status}, signature ${c.verification.verdict} (key ${c.verification.key_id})`);
  }
  const ledgerViewer = stack.credentials.ledgerOperators.find((o) => o.roles.includes('viewer'))!;
  const ledger = jsonClient(stack.urls.ledger, ledgerViewer.apiKey);
  const entries = expectOk(await ledger.get(`/v1/entries?payout_id=${traced.payoutId}`), 'entries');
  for (const e of entries.data as {
    entry_type: string;
    lines: { account_type: string; direction: string; amount_minor: string }[];
  }[]) {
    print(
      `  ledger:      ${e.entry_type}: ${e.lines.map((l) => `${l.direction} ${l.account_type} ${l.amount_minor}`).join(', ')}`,
    );
  }

  section('Ledger: balances of sandbox-global and invariants');
  const balances = expectOk(await ledger.get('/v1/balances?program_id=sandbox-global'), 'balances');
  const rows = (balances.data as Record<string, string>[]).map((b) => [
    b.external_code ?? '',
    b.role ?? '',
    b.currency ?? '',
    formatMinor(BigInt(b.posted_minor ?? '0'), b.currency ?? 'USDC'),
    formatMinor(BigInt(b.pending_minor ?? '0'), b.currency ?? 'USDC'),
    formatMinor(BigInt(b.available_minor ?? '0'), b.currency ?? 'USDC'),
  ]);
  table([['external code', 'role', 'currency', 'posted', 'pending', 'available'], ...rows]);
  const invariants = await ledger.get('/v1/invariants');
  print(formatInvariants(invariants.body as unknown as InvariantReport));
  if (invariants.status !== 200) throw new Error('ledger invariants do not hold');

  section('Posted-ledger topic, as an ERP consumer decodes it (kafkajs + registry + avsc only)');
  const ids = new Set(batch.map((p) => p.payoutId));
  const erp = await readPostedLedger({
    brokers: endpoints.kafkaBrokers,
    registryUrl: endpoints.schemaRegistryUrl,
    topic: kafkaTopicName(DEMO_NAMESPACE, 'ledger.entries-posted.v1'),
    limit: 4,
    idleTimeoutMs: 5_000,
    filter: (entry) => entry.payout_id !== null && ids.has(entry.payout_id),
  });
  if (erp.length === 0) throw new Error('no posted-ledger entry of this run could be read from the topic');
  print(formatErpEntries(erp));
  section('Day close');
  print('  reconciliation (provider statements vs ledger, day close by currency) is the next service to build;');
  print('  the sandbox settlement report it will read: GET /v1/reports/settlements?date=YYYY-MM-DD');
}
