import { parsePayoutInstruction } from './payout-request.ts';

const wallet = { type: 'wallet', network: 'base', address: '0x52908400098527886E0F7030069857D2E4169EE7' };
const valid = {
  client_reference: 'po_123',
  amount_minor: '12500000',
  currency: 'USDC',
  destination: wallet,
  metadata: { scenario: 'short_settlement', note: 'anything else is kept' },
};

describe('parsePayoutInstruction', () => {
  it('accepts a wallet payout and reads the scenario from metadata', () => {
    const result = parsePayoutInstruction(valid);
    expect(result).toMatchObject({
      ok: true,
      value: {
        clientReference: 'po_123',
        amountMinor: 12_500_000n,
        currency: 'USDC',
        destination: { type: 'wallet', network: 'base' },
        options: { scenario: 'short_settlement' },
      },
    });
  });

  it('accepts a bank account token for a fiat currency and defaults to success without metadata', () => {
    const result = parsePayoutInstruction({
      client_reference: 'po_1',
      amount_minor: '1000',
      currency: 'USD',
      destination: { type: 'bank_account', token: 'btok_abc-1' },
    });
    expect(result).toMatchObject({ ok: true, value: { metadata: {}, options: { scenario: 'success' } } });
  });

  it.each([
    [{ ...valid, amount_minor: 12500000 }, /amount_minor/],
    [{ ...valid, amount_minor: '12.5' }, /amount_minor/],
    [{ ...valid, amount_minor: '0' }, /amount_minor/],
    [{ ...valid, currency: 'XYZ' }, /currency/],
    [{ ...valid, client_reference: '' }, /client_reference/],
    [{ ...valid, extra: true }, /body|extra/],
    [{ ...valid, destination: { ...wallet, network: 'tron' } }, /destination.network/],
    [{ ...valid, destination: { ...wallet, address: '0x123' } }, /destination.address/],
    [{ ...valid, destination: { type: 'bank_account', token: 'b' } }, /bank account cannot receive USDC/],
    [{ ...valid, destination: { type: 'card' } }, /destination/],
    [{ ...valid, metadata: { scenario: 'nope' } }, /metadata.scenario/],
    [null, /body/],
  ])('refuses %j with a message naming the field', (body, message) => {
    const result = parsePayoutInstruction(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
