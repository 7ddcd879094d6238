import { ProgramConfigError } from './errors.ts';
import { formatReadiness } from './format.ts';
import { readiness } from './readiness.ts';
import { parseObject, sampleObject } from './test-helpers.ts';

const failing = (items: { pass: boolean; id: string; missing: string[] }[]) =>
  Object.fromEntries(items.filter((i) => !i.pass).map((i) => [i.id, i.missing]));

describe('readiness', () => {
  it('passes the six launch checks for US and names the gaps for PH in the sample', () => {
    const report = readiness(parseObject(sampleObject()));
    const [us, ph] = report.markets;
    expect(us?.items.map((i) => i.id)).toEqual([
      'ownership',
      'policy_tax_gates',
      'tracking',
      'webhooks_polling',
      'reconciliation',
      'settlement_path',
    ]);
    expect(us?.ready).toBe(true);
    expect(ph?.ready).toBe(false);
    expect(report.ready).toBe(false);
    expect(failing(ph!.items)).toEqual({
      policy_tax_gates: [
        'requiredGates: tax_artifacts',
        'requiredGates: limits',
        'requiredGates: kyt',
        'acceptedTaxArtifacts (none listed)',
        'limits for USDC',
      ],
      settlement_path: ['corridors.PH-USDC-SOLANA.exceptionPath'],
    });
  });

  it('fails every market of a broken config with what is missing', () => {
    const object = sampleObject();
    object.markets[0]!.mode = 'read_only';
    delete object.liabilityOwner;
    delete object.owners.taxReview;
    delete object.tracking;
    object.webhooks = { enabled: false, signature: 'hmac-sha256', secretRef: 'env:X' };
    delete object.polling;
    delete object.reconciliation;
    delete object.corridors[0]!.feeTreatment;
    object.corridors[1]!.completedWhen = { signal: 'onchain_confirmations' };
    const report = readiness(parseObject(object));
    expect(report.markets[0]?.ready).toBe(false);
    expect(failing(report.markets[0]!.items)).toEqual({
      ownership: ['liabilityOwner', 'owners.taxReview'],
      tracking: ['tracking'],
      webhooks_polling: ['webhooks (enabled, signed)', 'polling (enabled, interval)'],
      reconciliation: ['reconciliation (enabled, statement source, day close)'],
      settlement_path: ['corridors.US-USDC-BASE.feeTreatment', 'corridors.US-USDC-POLYGON.completedWhen.confirmations'],
    });
  });

  it('fails a market without corridors and an exception path whose owner is not named', () => {
    const object = sampleObject();
    object.markets[0]!.mode = 'read_only';
    object.markets.push({ country: 'MX' });
    delete object.owners.blockedPayoutHandling;
    const report = readiness(parseObject(object));
    expect(failing(report.markets[0]!.items).settlement_path).toEqual([
      'owners.blockedPayoutHandling (exception path owner of US-USDC-BASE)',
      'owners.blockedPayoutHandling (exception path owner of US-USDC-POLYGON)',
    ]);
    expect(failing(report.markets[2]!.items).settlement_path).toEqual(['corridors for MX (none)']);
  });

  it.each([
    ['hybrid', { keyControl: undefined, userRecovery: undefined }, ['owners.keyControl', 'owners.userRecovery']],
    ['waas', { keyControl: undefined }, ['custodyProvider']],
    ['custodial', { incidentResponse: undefined }, ['owners.incidentResponse']],
    ['non_custodial', { payoutSupport: undefined }, ['owners.payoutSupport', 'owners.blockedPayoutHandling']],
  ])('applies the %s no-go conditions to every market', (model, owners, expected) => {
    const object = sampleObject();
    object.custodyModel = model;
    object.markets[0]!.mode = 'read_only';
    for (const [key, value] of Object.entries(owners)) if (value === undefined) delete object.owners[key];
    if (model === 'non_custodial') delete object.owners.blockedPayoutHandling;
    const report = readiness(parseObject(object));
    const gaps = report.custody.filter((i) => !i.pass).flatMap((i) => i.missing);
    for (const missing of expected) expect(gaps).toContain(missing);
    expect(report.markets.every((m) => !m.ready)).toBe(true);
  });

  it('refuses at load a config that sets a market live while its readiness fails, listing the gaps', () => {
    const object = sampleObject();
    object.markets[1]!.mode = 'live';
    let error: unknown;
    try {
      parseObject(object);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProgramConfigError);
    expect((error as ProgramConfigError).code).toBe('program_not_ready');
    expect((error as ProgramConfigError).messages).toEqual([
      expect.stringMatching(
        /^markets\[1\]\.mode: live while readiness fails: policy_tax_gates: missing requiredGates: tax_artifacts/,
      ),
      'markets[1].mode: live while readiness fails: settlement_path: missing corridors.PH-USDC-SOLANA.exceptionPath',
    ]);
  });

  it('refuses live when only a custody no-go condition fails', () => {
    const object = sampleObject();
    object.custodyModel = 'hybrid';
    delete object.owners.keyControl;
    expect(() => parseObject(object)).toThrow(/hybrid_keys_and_recovery: missing owners.keyControl/);
  });

  it('formats every item with PASS/FAIL and what is missing', () => {
    const lines = formatReadiness(readiness(parseObject(sampleObject())));
    expect(lines[0]).toMatch(
      /^program sandbox-global version 2026\.05\.1 \(custody non_custodial, sha256 [0-9a-f]{12}\)$/,
    );
    expect(lines).toContain('  market US mode live: READY');
    expect(lines).toContain('  market PH mode read_only: NOT READY (2 of 6 checks failing)');
    expect(lines).toContain('          missing: corridors.PH-USDC-SOLANA.exceptionPath');
    expect(lines.filter((l) => l.includes('PASS')).length).toBe(1 + 6 + 4);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });
});
