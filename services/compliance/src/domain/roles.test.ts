import { can, ROLES } from './roles.ts';

describe('roles', () => {
  it('lets only approvers and admins release or deny holds', () => {
    expect(ROLES.filter((r) => can(r, 'holds:decide'))).toEqual(['approver', 'admin']);
  });

  it('lets every role read', () => {
    expect(ROLES.every((r) => can(r, 'holds:read') && can(r, 'programs:read'))).toBe(true);
  });

  it('keeps record keeping and approval apart, except for admins', () => {
    expect(ROLES.filter((r) => can(r, 'beneficiaries:write'))).toEqual(['operator', 'admin']);
    expect(can('viewer', 'holds:annotate')).toBe(false);
    expect(ROLES.filter((r) => can(r, 'operators:manage'))).toEqual(['admin']);
  });
});
