import {
  type FieldIssue,
  isRecord,
  issue,
  optionalText,
  refuseExtraFields,
  requiredText,
  type Validated,
} from './field-issue.ts';

/** The person or business a platform pays. */
export interface BeneficiaryInput {
  readonly kind: 'individual' | 'business';
  readonly name: string;
  readonly country: string;
  readonly email: string | null;
  /** The platform's own id for this person (its user or seller id). */
  readonly reference: string | null;
}

const FIELDS = new Set(['type', 'name', 'country', 'email', 'reference']);
const SERVER_OWNED = new Set(['id', 'platform_id', 'status', 'created_at', 'updated_at']);
const COUNTRY = /^[A-Z]{2}$/;
// Deliberately loose: deliverability is the platform's problem; this only refuses what is clearly not an address.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateBeneficiary(body: unknown): Validated<BeneficiaryInput> {
  if (!isRecord(body)) return { ok: false, issues: [issue('', 'body_not_object', 'the body must be a JSON object')] };
  const issues: FieldIssue[] = [];
  refuseExtraFields(body, FIELDS, SERVER_OWNED, issues);
  const kind = body.type;
  if (kind !== 'individual' && kind !== 'business') {
    issues.push(issue('type', 'invalid_enum', 'type must be individual or business'));
  }
  const name = requiredText(body, 'name', 140, issues);
  const country = body.country;
  if (typeof country !== 'string' || !COUNTRY.test(country)) {
    issues.push(issue('country', 'country_invalid', 'country must be an ISO 3166-1 alpha-2 code such as PH'));
  }
  const email = optionalText(body, 'email', 254, issues);
  if (email !== null && !EMAIL.test(email)) issues.push(issue('email', 'email_invalid', 'email is not an address'));
  const reference = optionalText(body, 'reference', 255, issues);
  if (issues.length > 0 || !name) return { ok: false, issues };
  return {
    ok: true,
    value: { kind: kind as BeneficiaryInput['kind'], name, country: country as string, email, reference },
  };
}
