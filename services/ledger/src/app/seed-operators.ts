import { randomBytes } from 'node:crypto';
import { formatOperatorKey, type OperatorRole } from '../domain/operator.ts';
import { hashSecret } from './authenticate.ts';
import type { OperatorStore } from './ports.ts';

export interface SeededOperator {
  readonly operatorId: string;
  readonly name: string;
  readonly roles: readonly OperatorRole[];
  readonly keyId: string;
  /** The plaintext key. Shown once: only its hash is stored. */
  readonly apiKey: string;
}

/** The local stack's operators: one of each role, and a second approver so dual approval can be shown. */
export const LOCAL_OPERATORS: readonly { id: string; name: string; roles: readonly OperatorRole[] }[] = [
  { id: 'ledger-viewer', name: 'Ledger viewer', roles: ['viewer'] },
  { id: 'ledger-operator', name: 'Ledger operator', roles: ['operator'] },
  { id: 'ledger-approver-1', name: 'First ledger approver', roles: ['approver'] },
  { id: 'ledger-approver-2', name: 'Second ledger approver', roles: ['approver'] },
];

/** Creates (or updates) each operator and issues it a fresh key; earlier keys stay valid until revoked. */
export async function seedOperators(
  run: <T>(work: (operators: OperatorStore) => Promise<T>) => Promise<T>,
  operators = LOCAL_OPERATORS,
): Promise<SeededOperator[]> {
  return run(async (store) => {
    const seeded: SeededOperator[] = [];
    for (const operator of operators) {
      await store.ensureOperator(operator);
      const key = { keyId: randomBytes(8).toString('hex'), secret: randomBytes(32).toString('hex') };
      await store.insertKey({ keyId: key.keyId, operatorId: operator.id, secretSha256: hashSecret(key.secret) });
      seeded.push({
        operatorId: operator.id,
        name: operator.name,
        roles: operator.roles,
        keyId: key.keyId,
        apiKey: formatOperatorKey(key),
      });
    }
    return seeded;
  });
}
