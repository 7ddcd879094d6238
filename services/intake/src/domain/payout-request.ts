import { MoneyError, parseAmountMinor } from '@sluice/money';
import { canonicalHash } from './canonical-hash.ts';
import { type Corridor, parseCorridor } from './corridor.ts';
import {
  type FieldIssue,
  isRecord,
  issue,
  optionalText,
  refuseExtraFields,
  requiredId,
  type Validated,
} from './field-issue.ts';

export const DESTINATION_TYPES = ['wallet', 'bank_account'] as const;
export type DestinationType = (typeof DESTINATION_TYPES)[number];

/** A payout request after validation: the one shape both REST and the upstream topic are reduced to. */
export interface PayoutRequest {
  readonly platformReference: string | null;
  readonly beneficiaryId: string;
  readonly destination: { readonly type: DestinationType; readonly id: string };
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly corridor: Corridor;
  readonly metadata: Readonly<Record<string, string>>;
}

export const METADATA_LIMITS = { maxKeys: 50, maxKeyChars: 40, maxValueChars: 500 } as const;
export const PLATFORM_REFERENCE_MAX_CHARS = 255;

const FIELDS = new Set([
  'platform_reference',
  'beneficiary_id',
  'destination',
  'amount_minor',
  'currency',
  'corridor',
  'metadata',
]);
/** Fields Sluice sets; a request that carries one is refused rather than silently ignored (mass assignment). */
const SERVER_OWNED = new Set([
  'id',
  'payout_id',
  'status',
  'fee_amount_minor',
  'fees',
  'settled_amount_minor',
  'provider_reference',
  'program_id',
  'market',
  'created_at',
  'updated_at',
  'request_hash',
]);
const DESTINATION_FIELDS = new Set(['type', 'id']);

/**
 * Validates a payout request body (JSON from REST, or the fields of `payouts.requested.v1`) and returns every issue
 * found, not just the first, so a platform fixes its request in one round trip.
 */
export function validatePayoutRequest(body: unknown): Validated<PayoutRequest> {
  if (!isRecord(body)) return { ok: false, issues: [issue('', 'body_not_object', 'the body must be a JSON object')] };
  const issues: FieldIssue[] = [];
  refuseExtraFields(body, FIELDS, SERVER_OWNED, issues);
  const platformReference = optionalText(body, 'platform_reference', PLATFORM_REFERENCE_MAX_CHARS, issues);
  const beneficiaryId = requiredId(body, 'beneficiary_id', issues);
  const destination = readDestination(body.destination, issues);
  const money = readAmount(body.amount_minor, body.currency, issues);
  const corridor = parseCorridor(body.corridor);
  if ('issue' in corridor) issues.push(corridor.issue);
  const metadata = readMetadata(body.metadata, issues);
  if (issues.length > 0 || !beneficiaryId || !destination || !money || !('corridor' in corridor) || !metadata) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: {
      platformReference,
      beneficiaryId,
      destination,
      amountMinor: money.amountMinor,
      currency: money.currency,
      corridor: corridor.corridor,
      metadata,
    },
  };
}

/** The canonical body of a validated request: what `request_hash` is computed over. */
export function canonicalRequest(request: PayoutRequest): Record<string, unknown> {
  return {
    platform_reference: request.platformReference,
    beneficiary_id: request.beneficiaryId,
    destination: { type: request.destination.type, id: request.destination.id },
    amount_minor: request.amountMinor.toString(),
    currency: request.currency,
    corridor: request.corridor.code,
    metadata: request.metadata,
  };
}

/** Lowercase hex SHA-256 of the canonical request: same meaning, same hash, whatever the channel or key order. */
export const requestHash = (request: PayoutRequest): string => canonicalHash(canonicalRequest(request));

function readDestination(value: unknown, issues: FieldIssue[]): PayoutRequest['destination'] | null {
  if (value === undefined || value === null) {
    issues.push(issue('destination', 'required', 'destination is required'));
    return null;
  }
  if (!isRecord(value)) {
    issues.push(issue('destination', 'invalid_type', 'destination must be an object { type, id }'));
    return null;
  }
  const before = issues.length;
  refuseExtraFields(value, DESTINATION_FIELDS, new Set(), issues, 'destination.');
  const type = value.type;
  if (!DESTINATION_TYPES.includes(type as DestinationType)) {
    issues.push(
      issue('destination.type', 'invalid_enum', `destination.type must be one of ${DESTINATION_TYPES.join(', ')}`),
    );
  }
  const id = requiredId(value, 'id', issues, 'destination.id');
  return issues.length === before && id ? { type: type as DestinationType, id } : null;
}

function readAmount(
  amount: unknown,
  currency: unknown,
  issues: FieldIssue[],
): { amountMinor: bigint; currency: string } | null {
  if (typeof currency !== 'string' || currency.length === 0) {
    issues.push(issue('currency', 'required', 'currency is required (ISO 4217 code or asset code such as USDC)'));
    return null;
  }
  if (amount === undefined || amount === null) {
    issues.push(issue('amount_minor', 'required', 'amount_minor is required'));
    return null;
  }
  try {
    return parseAmountMinor(amount, currency);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    const path = error.code === 'currency_unknown' ? 'currency' : 'amount_minor';
    issues.push(issue(path, error.code, error.message));
    return null;
  }
}

function readMetadata(value: unknown, issues: FieldIssue[]): Record<string, string> | null {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    issues.push(issue('metadata', 'invalid_type', 'metadata must be an object of string values'));
    return null;
  }
  const entries = Object.entries(value);
  const { maxKeys, maxKeyChars, maxValueChars } = METADATA_LIMITS;
  if (entries.length > maxKeys) {
    issues.push(issue('metadata', 'metadata_too_many_keys', `metadata has more than ${maxKeys} keys`));
    return null;
  }
  const before = issues.length;
  for (const [key, field] of entries) {
    if (key.length === 0 || key.length > maxKeyChars) {
      issues.push(
        issue(`metadata.${key}`, 'metadata_key_invalid', `metadata keys must have 1 to ${maxKeyChars} characters`),
      );
    } else if (typeof field !== 'string' || field.length > maxValueChars) {
      issues.push(
        issue(
          `metadata.${key}`,
          'metadata_value_invalid',
          `metadata values must be strings of at most ${maxValueChars} characters`,
        ),
      );
    }
  }
  // A fresh object: only own string entries survive, whatever prototype tricks the JSON carried.
  return issues.length === before ? (Object.fromEntries(entries) as Record<string, string>) : null;
}
