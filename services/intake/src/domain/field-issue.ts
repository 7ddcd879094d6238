/**
 * One reason an input was refused: the dotted path of the offending field (empty for the whole input), a stable
 * machine-readable code and a message safe to show to the platform. The HTTP layer turns a list of these into a
 * problem document; the topic path turns it into `payouts.rejected.v1` reasons.
 */
export interface FieldIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** A validated value or every issue found, in the order checked. Validation never throws. */
export type Validated<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: FieldIssue[] };

export const issue = (path: string, code: string, message: string): FieldIssue => ({ path, code, message });

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an optional string field with a length limit, pushing an issue when it is present but wrong. */
export function optionalText(
  source: Record<string, unknown>,
  key: string,
  maxChars: number,
  issues: FieldIssue[],
  path = key,
): string | null {
  const value = source[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length === 0 || value.length > maxChars) {
    issues.push(issue(path, 'invalid_string', `${path} must be a string of 1 to ${maxChars} characters`));
    return null;
  }
  return value;
}

/** Reads a required string field with a length limit. */
export function requiredText(
  source: Record<string, unknown>,
  key: string,
  maxChars: number,
  issues: FieldIssue[],
  path = key,
): string | null {
  if (source[key] === undefined || source[key] === null) {
    issues.push(issue(path, 'required', `${path} is required`));
    return null;
  }
  return optionalText(source, key, maxChars, issues, path);
}

/**
 * Refuses fields the caller may not set. Server-owned fields (`id`, `status`, fees …) get their own code so a
 * mass-assignment attempt is visible as such; anything else unknown is `unknown_field`.
 */
export function refuseExtraFields(
  source: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  serverOwned: ReadonlySet<string>,
  issues: FieldIssue[],
  prefix = '',
): void {
  for (const key of Object.keys(source)) {
    if (allowed.has(key)) continue;
    const path = prefix + key;
    if (serverOwned.has(key))
      issues.push(issue(path, 'server_owned_field', `${path} is set by Sluice, not the caller`));
    else issues.push(issue(path, 'unknown_field', `${path} is not a known field`));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a lowercase canonical UUID (the form of every id Sluice issues). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Reads a required id field (a UUID issued by Sluice). */
export function requiredId(
  source: Record<string, unknown>,
  key: string,
  issues: FieldIssue[],
  path = key,
): string | null {
  const value = source[key];
  if (value === undefined || value === null) {
    issues.push(issue(path, 'required', `${path} is required`));
    return null;
  }
  if (!isUuid(value)) {
    issues.push(issue(path, 'invalid_id', `${path} must be an id issued by Sluice`));
    return null;
  }
  return value;
}
