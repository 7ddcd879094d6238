import type { EntityManager } from '@sluice/persistence';
import { date, query, type Row, text, textOrNull } from '@sluice/persistence';
import type { BankAccount, PartyRepository, Wallet } from '../../app/ports.ts';
import type { DestinationState } from '../../domain/destination-state.ts';

type DestinationMethods = Pick<
  PartyRepository,
  | 'insertWallet'
  | 'listWallets'
  | 'findWallet'
  | 'insertBankAccount'
  | 'listBankAccounts'
  | 'findBankAccount'
  | 'setDestinationState'
>;

/** Wallets and bank accounts. Registering the same destination twice returns the first registration. */
export function destinationStore(em: EntityManager): DestinationMethods {
  return {
    async insertWallet(platformId, w) {
      const row = await insertOrExisting(
        em,
        `insert into wallets (id, platform_id, beneficiary_id, network, address, asset, label, state, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (beneficiary_id, network, address, asset) do nothing returning *`,
        [w.id, platformId, w.beneficiaryId, w.network, w.address, w.asset, w.label, w.state, w.createdAt, w.updatedAt],
        'select * from wallets where beneficiary_id = ? and network = ? and address = ? and asset = ?',
        [w.beneficiaryId, w.network, w.address, w.asset],
      );
      return toWallet(row);
    },

    async listWallets(beneficiaryId) {
      const rows = await query(em, 'select * from wallets where beneficiary_id = ? order by id', [beneficiaryId]);
      return rows.map(toWallet);
    },

    async findWallet(beneficiaryId, id) {
      const rows = await query(em, 'select * from wallets where id = ? and beneficiary_id = ?', [id, beneficiaryId]);
      return rows[0] ? toWallet(rows[0]) : null;
    },

    async insertBankAccount(platformId, a) {
      const iban = a.rail === 'iban' ? a.iban : null;
      const routing = a.rail === 'aba_routing' ? a.routingNumber : null;
      const accountNumber = a.rail === 'aba_routing' ? a.accountNumber : null;
      const accountType = a.rail === 'aba_routing' ? a.accountType : null;
      const row = await insertOrExisting(
        em,
        `insert into bank_accounts (id, platform_id, beneficiary_id, rail, iban, routing_number, account_number,
           account_type, currency, country, holder_name, state, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict do nothing returning *`,
        [
          a.id,
          platformId,
          a.beneficiaryId,
          a.rail,
          iban,
          routing,
          accountNumber,
          accountType,
          a.currency,
          a.country,
          a.holderName,
          a.state,
          a.createdAt,
          a.updatedAt,
        ],
        `select * from bank_accounts where beneficiary_id = ? and rail = ? and coalesce(iban, '') = ?
         and coalesce(routing_number, '') = ? and coalesce(account_number, '') = ? and currency = ?`,
        [a.beneficiaryId, a.rail, iban ?? '', routing ?? '', accountNumber ?? '', a.currency],
      );
      return toBankAccount(row);
    },

    async listBankAccounts(beneficiaryId) {
      const rows = await query(em, 'select * from bank_accounts where beneficiary_id = ? order by id', [beneficiaryId]);
      return rows.map(toBankAccount);
    },

    async findBankAccount(beneficiaryId, id) {
      const rows = await query(em, 'select * from bank_accounts where id = ? and beneficiary_id = ?', [
        id,
        beneficiaryId,
      ]);
      return rows[0] ? toBankAccount(rows[0]) : null;
    },

    async setDestinationState(type, id, change, at) {
      const table = type === 'wallet' ? 'wallets' : 'bank_accounts';
      const rows = await query(
        em,
        `update ${table} set state = ?, updated_at = ? where id = ? and state = ? returning 1 as changed`,
        [change.to, at, id, change.from],
      );
      return rows.length === 1;
    },
  };
}

/**
 * Inserts a row or returns the one its unique key already points to, in one statement. A second look is needed
 * only when a concurrent insert of the same row committed after the statement's snapshot was taken.
 */
async function insertOrExisting(
  em: EntityManager,
  insertSql: string,
  insertParams: readonly unknown[],
  selectSql: string,
  selectParams: readonly unknown[],
): Promise<Row> {
  const rows = await query(
    em,
    `with inserted as (${insertSql}) select * from inserted union all (${selectSql}) limit 1`,
    [...insertParams, ...selectParams],
  );
  const row = rows[0] ?? (await query(em, selectSql, selectParams))[0];
  if (!row) throw new Error('insert did nothing and no existing row was found');
  return row;
}

function toWallet(row: Row): Wallet {
  return {
    id: text(row.id),
    beneficiaryId: text(row.beneficiary_id),
    network: text(row.network) as Wallet['network'],
    address: text(row.address),
    asset: text(row.asset),
    label: textOrNull(row.label),
    state: text(row.state) as DestinationState,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

export function toBankAccount(row: Row): BankAccount {
  const common = {
    id: text(row.id),
    beneficiaryId: text(row.beneficiary_id),
    holderName: text(row.holder_name),
    state: text(row.state) as DestinationState,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
  if (row.rail === 'iban') {
    return { ...common, rail: 'iban', iban: text(row.iban), currency: text(row.currency), country: text(row.country) };
  }
  return {
    ...common,
    rail: 'aba_routing',
    routingNumber: text(row.routing_number),
    accountNumber: text(row.account_number),
    accountType: text(row.account_type) as 'checking' | 'savings',
    currency: 'USD',
    country: 'US',
  };
}
