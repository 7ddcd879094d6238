import { createHmac, randomBytes } from 'node:crypto';
import type { Stack } from '../stack/stack.ts';
import { expectOk, jsonClient } from './http.ts';
import { print, section } from './print.ts';
import type { Submitted } from './submit.demo.ts';

/**
 * The gateway's side: how many signed callbacks arrived for the batch, a forged one refused before anything is
 * parsed, and the sandbox's deliberate duplicate deliveries answered 200 without a second event.
 */
export async function showCallbacks(stack: Stack, batch: readonly Submitted[]): Promise<void> {
  section('Webhook gateway: signed callbacks');
  const gateway = jsonClient(stack.urls['webhook-gateway'], stack.credentials.webhookOperator.key);
  let received = 0;
  let duplicates = 0;
  for (const payout of batch) {
    const list = expectOk(await gateway.get(`/v1/callbacks?payout_id=${payout.payoutId}`), 'GET /v1/callbacks');
    const callbacks = list.data as { duplicates: { count: number } }[];
    received += callbacks.length;
    duplicates += callbacks.reduce((sum, c) => sum + c.duplicates.count, 0);
  }
  print(`  ${received} verified callbacks archived raw for this batch (x-pay HMAC-SHA256 over timestamp + raw body)`);
  const duplicated = batch.find((p) => p.scenario === 'duplicate_callbacks')!;
  print(`  ${duplicates} duplicate deliveries answered 200 and ignored (e.g. the "${duplicated.label}" payout)`);

  const body = JSON.stringify({
    id: `evt_forged_${randomBytes(4).toString('hex')}`,
    type: 'payout.completed',
    created_at: new Date().toISOString(),
    data: {
      id: 'sbx_po_forged',
      status: 'completed',
      client_reference: batch[0]!.payoutId,
      amount_minor: '1',
      currency: 'USDC',
    },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const forgedSignature = createHmac('sha256', 'not-the-shared-secret').update(`${timestamp}.${body}`).digest('hex');
  const forged = await fetch(`${stack.urls['webhook-gateway']}/v1/webhooks/sandbox`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-pay-timestamp': String(timestamp),
      'x-pay-signature': forgedSignature,
    },
    body,
  });
  const problem = (await forged.json()) as { code?: string };
  print(
    `  a forged "completed" callback → ${forged.status} ${problem.code}; recorded as a rejection, no event emitted`,
  );
  if (forged.status !== 401) throw new Error('the forged callback was not refused');
}
