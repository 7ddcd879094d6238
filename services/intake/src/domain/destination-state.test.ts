import { applyDestinationCommand, canReceive, DESTINATION_STATES } from './destination-state.ts';

describe('destination states', () => {
  it('lets only active destinations receive', () => {
    expect(DESTINATION_STATES.filter(canReceive)).toEqual(['active']);
  });

  it('moves by named commands', () => {
    expect(applyDestinationCommand('unverified', 'activate')).toEqual({ ok: true, next: 'active', changed: true });
    expect(applyDestinationCommand('active', 'freeze')).toEqual({ ok: true, next: 'frozen', changed: true });
    expect(applyDestinationCommand('frozen', 'activate')).toEqual({ ok: true, next: 'active', changed: true });
    expect(applyDestinationCommand('frozen', 'retire')).toEqual({ ok: true, next: 'retired', changed: true });
  });

  it('treats a repeated command as a no-op and refuses impossible ones', () => {
    expect(applyDestinationCommand('active', 'activate')).toEqual({ ok: true, next: 'active', changed: false });
    expect(applyDestinationCommand('unverified', 'freeze')).toEqual({
      ok: false,
      code: 'destination_transition_invalid',
      from: 'unverified',
    });
    expect(applyDestinationCommand('retired', 'activate')).toMatchObject({ ok: false, from: 'retired' });
  });
});
