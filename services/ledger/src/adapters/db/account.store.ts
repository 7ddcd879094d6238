import type { Database } from '@sluice/persistence';
import { placeholders, query, type Row, text } from '@sluice/persistence';
import { v5 as uuidv5 } from 'uuid';
import type { AccountDirectory, AccountRecord } from '../../app/ports.ts';
import {
  type AccountKey,
  type AccountRole,
  type AccountType,
  accountKeyString,
  accountNameOf,
  externalCodeOf,
  TYPE_OF_ROLE,
} from '../../domain/account.ts';

/** Namespace of account ids: an account's id is a UUIDv5 of its natural key, the same in every environment. */
const ACCOUNT_NAMESPACE = '6f1d4b0e-3a55-4c1f-9a57-1c0f7e1e5a01';
const MAX_CACHED_ACCOUNTS = 200_000;

export const accountIdOf = (key: AccountKey): string => uuidv5(accountKeyString(key), ACCOUNT_NAMESPACE);

const COLUMNS = 'id, role, type, program_id, provider, currency, external_code, name';

export const toAccountRecord = (row: Row): AccountRecord => ({
  id: text(row.id),
  role: text(row.role) as AccountRole,
  type: text(row.type) as AccountType,
  programId: text(row.program_id),
  provider: text(row.provider),
  currency: text(row.currency),
  externalCode: text(row.external_code),
  name: text(row.name),
});

/**
 * Accounts are created on first use, in their own short transaction committed before the posting that needs them:
 * a posting transaction then only ever takes account row locks in its one ordered balance update, and a rolled-back
 * posting never leaves the cache believing in an account that does not exist.
 */
export class SqlAccountDirectory implements AccountDirectory {
  readonly #db: Database;
  readonly #byId = new Map<string, AccountRecord>();

  constructor(db: Database) {
    this.#db = db;
  }

  async resolve(keys: readonly AccountKey[]): Promise<ReadonlyMap<string, AccountRecord>> {
    // Each id once: it is a SHA-1 (UUIDv5), and this runs for every line of every posting.
    const wanted = new Map(keys.map((key) => [accountKeyString(key), { key, id: accountIdOf(key) }]));
    const missing = [...wanted.values()].filter(({ id }) => !this.#byId.has(id)).map(({ key }) => key);
    if (missing.length > 0) await this.#ensure(missing);
    const found = new Map<string, AccountRecord>();
    for (const [keyString, { id }] of wanted) found.set(keyString, this.#byId.get(id)!);
    return found;
  }

  async byIds(ids: readonly string[]): Promise<ReadonlyMap<string, AccountRecord>> {
    const missing = [...new Set(ids)].filter((id) => !this.#byId.has(id));
    if (missing.length > 0) {
      const rows = await query(
        this.#db.fork(),
        `select ${COLUMNS} from accounts where id in (${placeholders(missing.length, 1)})`,
        missing,
      );
      for (const row of rows) this.#remember(toAccountRecord(row));
    }
    const found = new Map<string, AccountRecord>();
    for (const id of ids) {
      const record = this.#byId.get(id);
      if (record) found.set(id, record);
    }
    return found;
  }

  async #ensure(keys: readonly AccountKey[]): Promise<void> {
    // Sorted by id: two transactions creating overlapping sets wait on each other in one order, never in a cycle.
    const records = keys
      .map((key) => ({ ...key, id: accountIdOf(key), type: TYPE_OF_ROLE[key.role] }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const params = records.flatMap((r) => [
      r.id,
      r.role,
      r.type,
      r.programId,
      r.provider,
      r.currency,
      externalCodeOf(r),
      accountNameOf(r),
    ]);
    const rows = await this.#db.transaction(async (em) => {
      await query(
        em,
        `insert into accounts (${COLUMNS}) values ${placeholders(records.length, 8)} on conflict do nothing`,
        params,
      );
      return query(
        em,
        `select ${COLUMNS} from accounts where id in (${placeholders(records.length, 1)})`,
        records.map((r) => r.id),
      );
    });
    for (const row of rows) this.#remember(toAccountRecord(row));
  }

  #remember(record: AccountRecord): void {
    // Bounded: past the limit start over (records are cheap to reload) instead of growing without end.
    if (this.#byId.size >= MAX_CACHED_ACCOUNTS) this.#byId.clear();
    this.#byId.set(record.id, record);
  }
}
