/**
 * Operator roles. Reading needs any role; `operator` asks for top-ups and adjustments; `approver` approves or rejects
 * them. Roles are separate so that the person asking is never enough to move money above the threshold.
 */
export const OPERATOR_ROLES = ['viewer', 'operator', 'approver'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export const isOperatorRole = (value: unknown): value is OperatorRole => OPERATOR_ROLES.includes(value as OperatorRole);

/** What an API action needs. */
export const PERMISSIONS = {
  read: ['viewer', 'operator', 'approver'],
  request: ['operator'],
  approve: ['approver'],
} as const satisfies Record<string, readonly OperatorRole[]>;
export type Permission = keyof typeof PERMISSIONS;

export const allows = (roles: readonly OperatorRole[], permission: Permission): boolean =>
  roles.some((role) => (PERMISSIONS[permission] as readonly OperatorRole[]).includes(role));

/**
 * `lop_<key id>_<secret>`: the key id (16 hex) is stored in clear to find the key, the secret (64 hex, 256 bits) only
 * as a SHA-256 digest.
 */
const OPERATOR_KEY = /^lop_([0-9a-f]{16})_([0-9a-f]{64})$/;

export interface ParsedOperatorKey {
  readonly keyId: string;
  readonly secret: string;
}

export function parseOperatorKey(token: string): ParsedOperatorKey | undefined {
  const match = OPERATOR_KEY.exec(token);
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

export const formatOperatorKey = (key: ParsedOperatorKey): string => `lop_${key.keyId}_${key.secret}`;

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer ([^\s]+)$/i.exec(header.trim()) : null;
  return match?.[1];
}
