import { complianceClient, SANDBOX_SCREENING_ADDRESSES } from '@sluice/compliance';
import { fundProgram } from '@sluice/ledger';
import type { Stack } from '../stack/stack.ts';
import { expectOk, jsonClient } from './http.ts';
import { print, section } from './print.ts';
import { DEMO_WALLETS } from './scenarios.ts';

export interface DemoParties {
  /** beneficiary id per demo name */
  readonly beneficiaries: Record<'ana' | 'ben' | 'carla', string>;
  /** wallet id per demo name and network */
  readonly wallets: Record<string, string>;
}

const operator = (stack: Stack, role: string) => {
  const found = stack.credentials.complianceOperators.find((o) => o.role === role || o.operatorId === role);
  if (!found) throw new Error(`no compliance operator ${role}`);
  return found.token;
};

export const complianceAs = (stack: Stack, role: string) =>
  complianceClient(stack.urls.compliance, operator(stack, role));

/**
 * What a platform and its operators do before paying anyone: fund the program in the ledger, register three
 * beneficiaries with wallets, record KYC and a W-9 for the one who completed onboarding.
 */
export async function setUpParties(stack: Stack, runId: string): Promise<DemoParties> {
  section('Setup: funding, beneficiaries, wallets, KYC');
  const ledgerKey = (role: string) => {
    const found = stack.credentials.ledgerOperators.find((o) => o.roles.includes(role));
    if (!found) throw new Error(`no ledger operator with role ${role}`);
    return found;
  };
  const approvers = stack.credentials.ledgerOperators.filter((o) => o.roles.includes('approver'));
  const entryId = await fundProgram(
    stack.urls.ledger,
    { requesterKey: ledgerKey('operator').apiKey, approverKeys: [approvers[0]!.apiKey, approvers[1]!.apiKey] },
    {
      programId: 'sandbox-global',
      provider: 'sandbox',
      currency: 'USDC',
      amountMinor: 50_000_000_000n,
      reason: `demo ${runId}: pre-fund the sandbox provider account`,
    },
  );
  print(`  ledger: sandbox-global funded with 50,000.00 USDC at the provider (entry ${entryId}, two approvers)`);

  const intake = jsonClient(stack.urls.intake, stack.credentials.platform.apiKey);
  const beneficiaries = {} as Record<'ana' | 'ben' | 'carla', string>;
  const wallets: Record<string, string> = {};
  const people = [
    { key: 'ana', name: 'Ana Souza', wallets: { base: DEMO_WALLETS.ana.base, solana: DEMO_WALLETS.ana.solana } },
    { key: 'ben', name: 'Ben Okafor', wallets: { base: DEMO_WALLETS.ben.base } },
    { key: 'carla', name: 'Carla Reyes', wallets: { base: SANDBOX_SCREENING_ADDRESSES.sanctionedEvm } },
  ] as const;
  for (const person of people) {
    const created = expectOk(
      await intake.post('/v1/beneficiaries', {
        type: 'individual',
        name: person.name,
        country: 'US',
        reference: `${person.key}-${runId}`,
      }),
      'create beneficiary',
    );
    const beneficiaryId = String(created.id);
    beneficiaries[person.key] = beneficiaryId;
    for (const [network, address] of Object.entries(person.wallets)) {
      const wallet = expectOk(
        await intake.post(`/v1/beneficiaries/${beneficiaryId}/wallets`, { network, address, asset: 'USDC' }),
        'register wallet',
      );
      expectOk(
        await intake.post(`/v1/beneficiaries/${beneficiaryId}/wallets/${wallet.id}/activate`),
        'activate wallet',
      );
      wallets[`${person.key}:${network}`] = String(wallet.id);
    }
    print(
      `  intake: ${person.name} → ${beneficiaryId} with ${Object.keys(person.wallets).join(' and ')} wallet(s), active`,
    );
  }
  const ops = complianceAs(stack, 'operator');
  expectOk(await ops.verifyKyc(beneficiaries.ana, 'Ana Souza', `kyc-provider:case-${runId}`), 'verify KYC');
  expectOk(await ops.recordTaxArtifact(beneficiaries.ana, 'W-9', '123-45-6789', `w9-${runId}.pdf`), 'record W-9');
  expectOk(await ops.verifyKyc(beneficiaries.carla, 'Carla Reyes', `kyc-provider:case-c-${runId}`), 'verify KYC');
  expectOk(await ops.recordTaxArtifact(beneficiaries.carla, 'W-9', '987-65-4321', `w9-c-${runId}.pdf`), 'record W-9');
  print('  compliance: KYC verified and W-9 on file for Ana and Carla; Ben has not finished onboarding');
  return { beneficiaries, wallets };
}
