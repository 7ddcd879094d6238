import { getCurrency, maskAccountNumber, maskIban, validateDestination } from '@sluice/money';
import type { DestinationState } from './destination-state.ts';
import { type FieldIssue, isRecord, issue, refuseExtraFields, requiredText, type Validated } from './field-issue.ts';

/** A bank account as registered: an IBAN, or a US routing number with an account number. */
export type BankAccountInput =
  | {
      readonly rail: 'iban';
      readonly iban: string;
      readonly currency: string;
      readonly country: string;
      readonly holderName: string;
    }
  | {
      readonly rail: 'aba_routing';
      readonly routingNumber: string;
      readonly accountNumber: string;
      readonly accountType: 'checking' | 'savings';
      readonly currency: 'USD';
      readonly country: 'US';
      readonly holderName: string;
    };

/**
 * Bank accounts start `active`: checksums catch typos, and a misdirected bank payment is returned by the rail,
 * unlike an on-chain transfer. A platform can still freeze or retire one.
 */
export const INITIAL_BANK_ACCOUNT_STATE: DestinationState = 'active';

const SERVER_OWNED = new Set(['id', 'state', 'beneficiary_id', 'created_at', 'updated_at', 'country']);
const IBAN_FIELDS = new Set(['type', 'iban', 'currency', 'holder_name']);
const US_FIELDS = new Set(['type', 'routing_number', 'account_number', 'account_type', 'holder_name']);
// US account numbers are 4 to 17 digits (Nacha); anything else cannot be paid by ACH.
const US_ACCOUNT_NUMBER = /^[0-9]{4,17}$/;

/** Validates a bank account registration: `type` `iban` (mod-97 and national checks) or `us_account` (ABA checksum). */
export function validateBankAccount(body: unknown): Validated<BankAccountInput> {
  if (!isRecord(body)) return { ok: false, issues: [issue('', 'body_not_object', 'the body must be a JSON object')] };
  const issues: FieldIssue[] = [];
  if (body.type === 'iban') {
    refuseExtraFields(body, IBAN_FIELDS, SERVER_OWNED, issues);
    const holderName = requiredText(body, 'holder_name', 140, issues);
    const iban = validateDestination({ network: 'iban', address: body.iban });
    if (!iban.ok) issues.push(issue('iban', iban.code, iban.message));
    const currency = body.currency;
    if (typeof currency !== 'string' || getCurrency(currency)?.kind !== 'fiat') {
      issues.push(issue('currency', 'currency_unknown', 'currency must be an ISO 4217 fiat code such as EUR'));
    }
    if (issues.length > 0 || !iban.ok || !holderName) return { ok: false, issues };
    const value = { rail: 'iban', iban: iban.normalized, currency: currency as string, holderName } as const;
    return { ok: true, value: { ...value, country: iban.normalized.slice(0, 2) } };
  }
  if (body.type === 'us_account') {
    refuseExtraFields(body, US_FIELDS, SERVER_OWNED, issues);
    const holderName = requiredText(body, 'holder_name', 140, issues);
    const routing = validateDestination({ network: 'aba_routing', address: body.routing_number });
    if (!routing.ok) issues.push(issue('routing_number', routing.code, routing.message));
    const accountNumber = body.account_number;
    if (typeof accountNumber !== 'string' || !US_ACCOUNT_NUMBER.test(accountNumber)) {
      issues.push(issue('account_number', 'account_number_invalid', 'account_number must be 4 to 17 digits'));
    }
    const accountType = body.account_type;
    if (accountType !== 'checking' && accountType !== 'savings') {
      issues.push(issue('account_type', 'invalid_enum', 'account_type must be checking or savings'));
    }
    if (issues.length > 0 || !routing.ok || !holderName) return { ok: false, issues };
    return {
      ok: true,
      value: {
        rail: 'aba_routing',
        routingNumber: routing.normalized,
        accountNumber: accountNumber as string,
        accountType: accountType as 'checking' | 'savings',
        currency: 'USD',
        country: 'US',
        holderName,
      },
    };
  }
  return { ok: false, issues: [issue('type', 'invalid_enum', 'type must be iban or us_account')] };
}

/** The account as shown in responses, logs and events: `GB82…5432` or `021000021 …6789`. */
export function bankAccountDisplay(account: BankAccountInput): string {
  return account.rail === 'iban'
    ? maskIban(account.iban)
    : `${account.routingNumber} ${maskAccountNumber(account.accountNumber)}`;
}

/** Whether an amount in `currency` can be paid into the account (an account holds one currency). */
export const bankAccountTakes = (account: { currency: string }, currency: string): boolean =>
  account.currency === currency;
