import { isOperatorRole, mayDo, OPERATOR_ROLES } from './operator.ts';

describe('operator roles', () => {
  test('every role may read', () => {
    for (const role of OPERATOR_ROLES) expect(mayDo(role, 'read')).toBe(true);
  });

  test('cancel is for payout support and admins; provider switches for incident response and admins', () => {
    expect(OPERATOR_ROLES.filter((role) => mayDo(role, 'cancel_payout'))).toEqual(['payout_support', 'admin']);
    expect(OPERATOR_ROLES.filter((role) => mayDo(role, 'switch_provider'))).toEqual(['incident_response', 'admin']);
  });

  test('isOperatorRole', () => {
    expect(isOperatorRole('admin')).toBe(true);
    expect(isOperatorRole('root')).toBe(false);
  });
});
