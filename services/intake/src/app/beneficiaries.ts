import { validateBeneficiary } from '../domain/beneficiary.ts';
import { type FieldIssue, isUuid } from '../domain/field-issue.ts';
import { newId } from './new-id.ts';
import { encodeCursor, type PageQuery, readPage } from './pagination.ts';
import type { Beneficiary, Clock, Stores, Transactions } from './ports.ts';
import type { ListResult } from './read-payouts.ts';

export type CreateResult<T> =
  | { readonly ok: true; readonly value: T; readonly created: boolean }
  | { readonly ok: false; readonly issues: FieldIssue[] };

/** `POST /v1/beneficiaries`. */
export async function createBeneficiary(
  deps: { transactions: Transactions; clock: Clock },
  platformId: string,
  body: unknown,
): Promise<CreateResult<Beneficiary>> {
  const validated = validateBeneficiary(body);
  if (!validated.ok) return validated;
  const beneficiary: Beneficiary = { ...validated.value, id: newId(), platformId, createdAt: deps.clock.now() };
  await deps.transactions.run((tx) => tx.parties.insertBeneficiary(beneficiary));
  return { ok: true, value: beneficiary, created: true };
}

/** `GET /v1/beneficiaries/:id`; another platform's beneficiary is not found. */
export async function getBeneficiary(stores: Stores, platformId: string, id: string): Promise<Beneficiary | null> {
  return isUuid(id) ? stores.parties.findBeneficiary(platformId, id) : null;
}

/** `GET /v1/beneficiaries`: newest first, cursor-paginated. */
export async function listBeneficiaries(
  stores: Stores,
  platformId: string,
  query: PageQuery,
): Promise<ListResult<Beneficiary>> {
  const issues: FieldIssue[] = [];
  const page = readPage(query, issues);
  if (!page) return { ok: false, issues };
  const rows = await stores.parties.listBeneficiaries(platformId, { afterId: page.afterId, limit: page.limit + 1 });
  const data = rows.slice(0, page.limit);
  const hasMore = rows.length > page.limit;
  return { ok: true, data, hasMore, nextCursor: hasMore ? encodeCursor(data.at(-1)!.id) : null };
}
