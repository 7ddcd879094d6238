import { newOperatorToken, parseOperatorToken, secretMatches } from '../domain/operator-token.ts';
import type { Role } from '../domain/roles.ts';
import type { Actor, Clock, OperatorRepository, Transactions } from './ports.ts';

/** An operator and the plaintext token issued for it: shown once, stored only as a hash. */
export interface IssuedOperator {
  readonly operatorId: string;
  readonly name: string;
  readonly role: Role;
  readonly token: string;
}

/** The operators the local stack seeds: one per role, and two approvers so 4-eyes can be shown. */
export const DEFAULT_OPERATORS: readonly { id: string; name: string; role: Role }[] = [
  { id: 'viewer', name: 'Vera Viewer', role: 'viewer' },
  { id: 'operator', name: 'Omar Operator', role: 'operator' },
  { id: 'approver-1', name: 'Ada Approver', role: 'approver' },
  { id: 'approver-2', name: 'Ben Approver', role: 'approver' },
  { id: 'admin', name: 'Ana Admin', role: 'admin' },
];

/** Creates each operator (or rotates its key) and returns the new plaintext tokens; every issue is audited. */
export async function issueOperators(
  transactions: Transactions,
  clock: Clock,
  operators: readonly { id: string; name: string; role: Role }[],
  actor = 'system',
): Promise<IssuedOperator[]> {
  return transactions.run(async (tx) => {
    const issued: IssuedOperator[] = [];
    for (const operator of operators) {
      const { token, keyId, secretSha256 } = newOperatorToken();
      await tx.operators.upsert({ ...operator, keyId, secretSha256, disabled: false });
      await tx.audit.append({
        at: clock.now(),
        actor,
        action: 'operator_key_issued',
        subjectType: 'operator',
        subjectId: operator.id,
        detail: { role: operator.role, key_id: keyId },
      });
      issued.push({ operatorId: operator.id, name: operator.name, role: operator.role, token });
    }
    return issued;
  });
}

/** Resolves a bearer token to its operator; undefined for anything malformed, unknown, disabled or not matching. */
export async function authenticateOperator(
  operators: OperatorRepository,
  token: string | undefined,
): Promise<Actor | undefined> {
  const parsed = parseOperatorToken(token);
  if (!parsed) return undefined;
  const record = await operators.findByKeyId(parsed.keyId);
  if (!record || record.disabled || !secretMatches(parsed.secret, record.secretSha256)) return undefined;
  return { operatorId: record.id, role: record.role };
}
