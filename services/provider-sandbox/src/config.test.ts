import { ConfigError } from '@sluice/service-kit';
import { loadSandboxConfig } from './config.ts';

describe('loadSandboxConfig', () => {
  it('has working defaults for a laptop', () => {
    const config = loadSandboxConfig({});
    expect(config).toMatchObject({
      HTTP_PORT: 7010,
      SANDBOX_DB_NAME: 'sluice_provider_sandbox',
      SANDBOX_API_KEYS: ['sbx_test_key_local'],
      SANDBOX_CREDENTIALS_REVOKED: false,
      SANDBOX_CALLBACKS_ENABLED: true,
      SANDBOX_STEP_DELAY_MS: 300,
      SANDBOX_TIMEOUT_DELAY_MS: 6_000,
    });
    expect(config.SANDBOX_CALLBACK_URL).toBeUndefined();
    expect(config.SANDBOX_INITIAL_BALANCES).toContainEqual({ currency: 'USDC', amountMinor: 1_000_000_000_000n });
  });

  it('reads lists, flags and balances from env strings', () => {
    const config = loadSandboxConfig({
      SANDBOX_API_KEYS: 'sbx_key_one_1, sbx_key_two_2',
      SANDBOX_CREDENTIALS_REVOKED: 'true',
      SANDBOX_CALLBACK_URL: '',
      SANDBOX_INITIAL_BALANCES: 'USDT:5,EUR:7',
    });
    expect(config.SANDBOX_API_KEYS).toEqual(['sbx_key_one_1', 'sbx_key_two_2']);
    expect(config.SANDBOX_CREDENTIALS_REVOKED).toBe(true);
    expect(config.SANDBOX_CALLBACK_URL).toBeUndefined();
    expect(config.SANDBOX_INITIAL_BALANCES).toEqual([
      { currency: 'USDT', amountMinor: 5n },
      { currency: 'EUR', amountMinor: 7n },
    ]);
  });

  it('names every bad variable', () => {
    let caught: unknown;
    try {
      loadSandboxConfig({
        SANDBOX_INITIAL_BALANCES: 'USDC=5',
        SANDBOX_CALLBACK_SECRET: 'short',
        SANDBOX_API_KEYS: 'x',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const issues = (caught as ConfigError).issues.join('\n');
    for (const name of ['SANDBOX_INITIAL_BALANCES', 'SANDBOX_CALLBACK_SECRET', 'SANDBOX_API_KEYS']) {
      expect(issues).toContain(name);
    }
  });
});
