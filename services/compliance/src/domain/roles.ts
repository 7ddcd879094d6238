/** Operator roles, least to most powerful. */
export const ROLES = ['viewer', 'operator', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

export type Permission =
  | 'holds:read'
  | 'holds:annotate'
  | 'holds:decide'
  | 'beneficiaries:read'
  | 'beneficiaries:write'
  | 'programs:read'
  | 'operators:manage';

const READ: readonly Permission[] = ['holds:read', 'beneficiaries:read', 'programs:read'];

/**
 * Who may do what. Separation of duties: operators maintain the KYC and tax records a release relies on, approvers
 * release or deny; neither does the other's job, so a single person cannot both create the evidence and approve on it.
 * Admins can do everything, including managing operators.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: READ,
  operator: [...READ, 'holds:annotate', 'beneficiaries:write'],
  approver: [...READ, 'holds:annotate', 'holds:decide'],
  admin: [...READ, 'holds:annotate', 'holds:decide', 'beneficiaries:write', 'operators:manage'],
};

export const can = (role: Role, permission: Permission): boolean => ROLE_PERMISSIONS[role].includes(permission);
