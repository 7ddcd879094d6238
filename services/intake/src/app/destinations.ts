import { INITIAL_BANK_ACCOUNT_STATE, validateBankAccount } from '../domain/bank-account.ts';
import {
  applyDestinationCommand,
  type DestinationCommand,
  type DestinationState,
} from '../domain/destination-state.ts';
import { isUuid } from '../domain/field-issue.ts';
import { INITIAL_WALLET_STATE, validateWallet } from '../domain/wallet.ts';
import type { CreateResult } from './beneficiaries.ts';
import { newId } from './new-id.ts';
import type { BankAccount, Clock, Stores, Transactions, Wallet } from './ports.ts';

type Deps = { transactions: Transactions; clock: Clock };
/** Results of calls under `/v1/beneficiaries/:id/...`: the beneficiary must be the caller's. */
export type Scoped<T> = T | { readonly ok: false; readonly notFound: 'beneficiary' | 'destination' };

/** `POST /v1/beneficiaries/:id/wallets`: registering the same wallet again returns the existing one. */
export async function addWallet(
  deps: Deps,
  platformId: string,
  beneficiaryId: string,
  body: unknown,
): Promise<Scoped<CreateResult<Wallet>>> {
  const validated = validateWallet(body);
  return deps.transactions.run(async (tx) => {
    if (!isUuid(beneficiaryId) || !(await tx.parties.findBeneficiary(platformId, beneficiaryId))) {
      return { ok: false, notFound: 'beneficiary' } as const;
    }
    if (!validated.ok) return validated;
    const now = deps.clock.now();
    const wallet: Wallet = {
      ...validated.value,
      id: newId(),
      beneficiaryId,
      state: INITIAL_WALLET_STATE,
      createdAt: now,
      updatedAt: now,
    };
    const stored = await tx.parties.insertWallet(platformId, wallet);
    return { ok: true, value: stored, created: stored.id === wallet.id };
  });
}

/** `POST /v1/beneficiaries/:id/bank-accounts`: registering the same account again returns the existing one. */
export async function addBankAccount(
  deps: Deps,
  platformId: string,
  beneficiaryId: string,
  body: unknown,
): Promise<Scoped<CreateResult<BankAccount>>> {
  const validated = validateBankAccount(body);
  return deps.transactions.run(async (tx) => {
    if (!isUuid(beneficiaryId) || !(await tx.parties.findBeneficiary(platformId, beneficiaryId))) {
      return { ok: false, notFound: 'beneficiary' } as const;
    }
    if (!validated.ok) return validated;
    const now = deps.clock.now();
    const account: BankAccount = {
      ...validated.value,
      id: newId(),
      beneficiaryId,
      state: INITIAL_BANK_ACCOUNT_STATE,
      createdAt: now,
      updatedAt: now,
    };
    const stored = await tx.parties.insertBankAccount(platformId, account);
    return { ok: true, value: stored, created: stored.id === account.id };
  });
}

/** `GET /v1/beneficiaries/:id/wallets` and `/bank-accounts`. */
export async function listDestinations(stores: Stores, platformId: string, beneficiaryId: string) {
  if (!isUuid(beneficiaryId) || !(await stores.parties.findBeneficiary(platformId, beneficiaryId))) return null;
  const [wallets, bankAccounts] = await Promise.all([
    stores.parties.listWallets(beneficiaryId),
    stores.parties.listBankAccounts(beneficiaryId),
  ]);
  return { wallets, bankAccounts };
}

export type CommandResult =
  | { readonly ok: true; readonly state: DestinationState; readonly changed: boolean }
  | { readonly ok: false; readonly code: 'destination_transition_invalid'; readonly from: DestinationState };

/** `POST .../wallets/:wallet_id/{activate,freeze,retire}` and the same for bank accounts. */
export async function commandDestination(
  deps: Deps,
  target: { platformId: string; beneficiaryId: string; type: 'wallet' | 'bank_account'; id: string },
  command: DestinationCommand,
): Promise<Scoped<CommandResult>> {
  return deps.transactions.run(async (tx) => {
    const { platformId, beneficiaryId, type, id } = target;
    if (!isUuid(beneficiaryId) || !(await tx.parties.findBeneficiary(platformId, beneficiaryId))) {
      return { ok: false, notFound: 'beneficiary' } as const;
    }
    const found = isUuid(id)
      ? type === 'wallet'
        ? await tx.parties.findWallet(beneficiaryId, id)
        : await tx.parties.findBankAccount(beneficiaryId, id)
      : null;
    if (!found) return { ok: false, notFound: 'destination' } as const;
    const transition = applyDestinationCommand(found.state, command);
    if (!transition.ok) return transition;
    if (!transition.changed) return { ok: true, state: transition.next, changed: false };
    const change = { from: found.state, to: transition.next };
    if (!(await tx.parties.setDestinationState(type, id, change, deps.clock.now()))) {
      // A concurrent command moved it first; the caller sees the refusal and can read the current state.
      return { ok: false, code: 'destination_transition_invalid', from: found.state } as const;
    }
    return { ok: true, state: transition.next, changed: true };
  });
}
