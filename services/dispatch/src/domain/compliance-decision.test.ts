import { effectOf, isShadowMode } from './compliance-decision.ts';

describe('effectOf', () => {
  test('approved and released proceed; held and denied are recorded; anything else is ignored', () => {
    expect(effectOf('approved')).toBe('approve');
    expect(effectOf('released')).toBe('approve');
    expect(effectOf('held')).toBe('hold');
    expect(effectOf('denied')).toBe('deny');
    expect(effectOf('APPROVED')).toBe('ignore');
    expect(effectOf('escalated')).toBe('ignore');
  });
});

describe('isShadowMode', () => {
  test('only an exact "live" sends money', () => {
    expect(isShadowMode('live')).toBe(false);
    for (const mode of ['read_only', 'Live', 'LIVE', '', 'live ', 'shadow']) expect(isShadowMode(mode)).toBe(true);
  });
});
