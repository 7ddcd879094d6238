import { SandboxSwitches } from './switches.ts';

const initial = {
  credentialsRevoked: false,
  callbacksEnabled: true,
  callbackUrl: 'http://127.0.0.1:1/cb',
  callbackSecret: 'whsec_initial_secret',
};

describe('SandboxSwitches', () => {
  it('starts from the env settings and flips each switch', () => {
    const switches = new SandboxSwitches(initial);
    switches.setCredentialsRevoked(true);
    switches.setCallbacksEnabled(false);
    switches.setCallbackUrl(null);
    expect(switches.describe()).toEqual({
      credentials: 'revoked',
      callbacks: 'disabled',
      callback_url: null,
      callback_secret_rotated_at: null,
    });
  });

  it('rotates the secret, records when, and never shows it', () => {
    const switches = new SandboxSwitches(initial);
    const at = new Date('2025-03-01T00:00:00.000Z');
    switches.rotateCallbackSecret('whsec_rotated_secret', at);
    expect(switches.callbackSecret).toBe('whsec_rotated_secret');
    expect(switches.describe()).toMatchObject({ callback_secret_rotated_at: '2025-03-01T00:00:00.000Z' });
    expect(JSON.stringify(switches.describe())).not.toContain('whsec_');
  });

  it('refuses a secret too short to be a secret', () => {
    const switches = new SandboxSwitches(initial);
    expect(() => switches.rotateCallbackSecret('short', new Date())).toThrow(RangeError);
    expect(switches.callbackSecret).toBe('whsec_initial_secret');
  });
});
