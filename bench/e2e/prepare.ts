import { randomBytes } from 'node:crypto';
import type { Stack } from '@sluice/cli/stack';
import { complianceClient, SANDBOX_SCREENING_ADDRESSES } from '@sluice/compliance';
import { fundProgram } from '@sluice/ledger';
import { toChecksumAddress } from '@sluice/money';

/** A KYC'd beneficiary with an active Base USDC wallet: a destination the pipeline pays without a hold. */
export interface Payee {
  readonly beneficiaryId: string;
  readonly walletId: string;
}

const CONCURRENCY = 8;
const RESERVED = new Set(Object.values(SANDBOX_SCREENING_ADDRESSES).map((address) => address.toLowerCase()));

/** A random EVM address the sandbox screens as ordinary (its risk scorer holds `…beef` and denies `…dead`). */
function ordinaryAddress(): string {
  for (;;) {
    const hex = `0x${randomBytes(20).toString('hex')}`;
    if (!hex.endsWith('beef') && !hex.endsWith('dead') && !RESERVED.has(hex)) return toChecksumAddress(hex);
  }
}

const RATE_LIMITED_TRIES = 20;

/** Runs `attempt` again after a pause while it is rate limited (429): the services' limits stay on for the bench. */
async function politely<T extends { status: number }>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    const answer = await attempt();
    if (answer.status !== 429 || tries >= RATE_LIMITED_TRIES) return answer;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function call(url: string, key: string, method: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await politely(() =>
    fetch(url, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/**
 * What a platform and its operators do before a payout run, through the public APIs only: fund the program's
 * provider account in the ledger (two approvers), then register `count` beneficiaries with an active wallet each and
 * record their KYC and W-9 in compliance.
 */
export async function preparePayees(stack: Stack, count: number, fundingMinor: bigint): Promise<Payee[]> {
  const { credentials, urls } = stack;
  const ledgerRole = (role: string) => credentials.ledgerOperators.filter((o) => o.roles.includes(role));
  const [approverA, approverB] = ledgerRole('approver');
  await fundProgram(
    urls.ledger,
    { requesterKey: ledgerRole('operator')[0]!.apiKey, approverKeys: [approverA!.apiKey, approverB!.apiKey] },
    {
      programId: 'sandbox-global',
      provider: 'sandbox',
      currency: 'USDC',
      amountMinor: fundingMinor,
      reason: 'e2e benchmark funding',
    },
  );
  const operator = credentials.complianceOperators.find((o) => o.role === 'operator');
  if (!operator) throw new Error('no compliance operator in the dev credentials');
  const compliance = complianceClient(urls.compliance, operator.token);
  const apiKey = credentials.platform.apiKey;
  const payees: Payee[] = [];
  const one = async (index: number) => {
    const name = `Bench Payee ${index}`;
    const beneficiary = await call(`${urls.intake}/v1/beneficiaries`, apiKey, 'POST', {
      type: 'individual',
      name,
      country: 'US',
      reference: `bench-${index}`,
    });
    const base = `${urls.intake}/v1/beneficiaries/${String(beneficiary.id)}/wallets`;
    const wallet = await call(base, apiKey, 'POST', { network: 'base', address: ordinaryAddress(), asset: 'USDC' });
    await call(`${base}/${String(wallet.id)}/activate`, apiKey, 'POST');
    const kyc = await politely(() => compliance.verifyKyc(String(beneficiary.id), name, `bench-kyc-${index}`));
    const w9 = await politely(() =>
      compliance.recordTaxArtifact(String(beneficiary.id), 'W-9', '123-45-6789', `bench-w9-${index}`),
    );
    if (kyc.status >= 300 || w9.status >= 300)
      throw new Error(`compliance refused payee ${index}: ${kyc.status}/${w9.status}`);
    payees.push({ beneficiaryId: String(beneficiary.id), walletId: String(wallet.id) });
  };
  for (let start = 0; start < count; start += CONCURRENCY) {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count - start) }, (_, i) => one(start + i)));
  }
  return payees;
}
