import { loadPrograms } from '@sluice/program-config';
import { marketModeGate } from './market-mode.gate.ts';

const program = loadPrograms().program('sandbox-global');
const claim = { programId: 'sandbox-global', market: 'US', corridorId: 'US-USDC-BASE', currency: 'USDC' };

describe('market mode gate', () => {
  it('allows a configured route and exposes the market mode (live for US)', () => {
    const route = marketModeGate(claim, program);
    expect(route.outcome.verdict).toEqual({ result: 'allow' });
    expect(route.ok && route.market.mode).toBe('live');
  });

  it('allows a read-only market: shadow mode is carried on the decision, not a block', () => {
    const route = marketModeGate({ ...claim, market: 'PH', corridorId: 'PH-USDC-SOLANA' }, program);
    expect(route.outcome.verdict).toEqual({ result: 'allow' });
    expect(route.ok && route.market.mode).toBe('read_only');
  });

  it.each([
    ['program_unknown', { ...claim, programId: 'nope' }, undefined],
    ['market_unknown', { ...claim, market: 'FR' }, program],
    ['corridor_unknown', { ...claim, corridorId: 'US-USDC-SOLANA' }, program],
    ['corridor_mismatch', { ...claim, market: 'PH' }, program],
    ['corridor_mismatch', { ...claim, currency: 'USDT' }, program],
  ] as const)('denies %s', (code, badClaim, p) => {
    const route = marketModeGate(badClaim, p);
    expect(route.ok).toBe(false);
    expect(route.outcome.verdict).toEqual({ result: 'deny', code });
  });
});
