import { ProgramConfigError } from './errors.ts';
import { parseObject, sampleObject } from './test-helpers.ts';

/** Parses and returns the error's `path: message` lines, failing the test if the file is accepted. */
function issuesOf(object: unknown): string[] {
  try {
    parseObject(object);
  } catch (error) {
    if (error instanceof ProgramConfigError && error.code === 'program_config_invalid') return error.messages;
    throw error;
  }
  throw new Error('expected the program to be refused');
}

describe('program schema', () => {
  it('accepts the sample and defaults a market to read_only with no gates', () => {
    const object = sampleObject();
    object.markets.push({ country: 'MX' });
    const program = parseObject(object);
    expect(program.markets[2]).toEqual({
      country: 'MX',
      mode: 'read_only',
      requiredGates: [],
      acceptedTaxArtifacts: [],
      limits: [],
    });
  });

  it('names the field path of a bad enum value', () => {
    const object = sampleObject();
    object.markets[1]!.mode = 'shadow';
    expect(issuesOf(object)).toEqual([expect.stringMatching(/^markets\[1\]\.mode: /)]);
  });

  it('refuses unknown keys so a typo cannot silently disable a setting', () => {
    const object = sampleObject();
    object.markets[0]!.requiredGate = ['kyc'];
    expect(issuesOf(object)).toEqual([expect.stringMatching(/^markets\[0\]: Unrecognized key: "requiredGate"/)]);
  });

  it('refuses an unquoted numeric version', () => {
    const object = sampleObject();
    object.version = 2026.5;
    expect(issuesOf(object)).toEqual([expect.stringMatching(/^version: .*string/)]);
  });

  it('refuses an inline secret in environments', () => {
    const object = sampleObject();
    (
      object.environments as { production: { credentials: Record<string, string> } }
    ).production.credentials.providerApiKey = 'sk_live_123456';
    expect(issuesOf(object)).toEqual([
      'environments.production.credentials.providerApiKey: must be a reference like env:NAME or vault:path, never a secret',
    ]);
  });

  it('refuses an unknown custody model and an unknown responsibility', () => {
    const object = sampleObject();
    object.custodyModel = 'self';
    object.owners.treasury = 'someone';
    const issues = issuesOf(object);
    expect(issues).toContainEqual(expect.stringMatching(/^custodyModel: /));
    expect(issues).toContainEqual(expect.stringMatching(/^owners: Unrecognized key: "treasury"/));
  });

  it('checks corridor ids, markets and rails against each other', () => {
    const object = sampleObject();
    object.corridors[0]!.id = 'US-USDC-ARBITRUM';
    object.corridors[1]!.market = 'MX';
    object.corridors[2]!.rail = { kind: 'stablecoin', network: 'tron', asset: 'USDC', provider: 'sandbox' };
    expect(issuesOf(object)).toEqual([
      'corridors[0].id: must be US-USDC-BASE (market-currency-rail)',
      'corridors[1].market: market MX is not listed',
      'corridors[1].id: must be MX-USDC-POLYGON (market-currency-rail)',
      'corridors[2].id: must be PH-USDC-TRON (market-currency-rail)',
      'corridors[2].rail.network: USDC is not issued natively on tron',
    ]);
  });

  it('refuses duplicate markets and corridors', () => {
    const object = sampleObject();
    object.markets.push({ country: 'US' });
    object.corridors.push(object.corridors[0]!);
    expect(issuesOf(object)).toEqual([
      'markets[2].country: duplicate market',
      'corridors[3].id: duplicate corridor id',
    ]);
  });

  it('parses limits in major units into bigint minor units and refuses excess precision', () => {
    const object = sampleObject();
    const limits = object.markets[0]!.limits as Record<string, string>[];
    limits[0]!.perPayout = '10.1234567';
    limits[0]!.dailyPerProgram = '1e6';
    expect(issuesOf(object)).toEqual([
      'markets[0].limits[0].dailyPerProgram: must be a decimal string in major units, e.g. "1000.00"',
    ]);
    limits[0]!.dailyPerProgram = '1000000';
    expect(issuesOf(object)).toEqual(['markets[0].limits[0].perPayout: USDC allows at most 6 decimal places, got 7']);
  });

  it('accepts a zero dual-approval threshold (every release needs two approvers)', () => {
    const object = sampleObject();
    (object.markets[0]!.limits as Record<string, string>[])[0]!.dualApprovalAbove = '0';
    expect(parseObject(object).markets[0]?.limits[0]?.dualApprovalAboveMinor).toBe(0n);
  });
});
