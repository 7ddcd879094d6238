import { destinationOf, freezeInstruction, idempotencyKeyOf, sha256Hex, sortedMetadata } from './instruction.ts';

describe('freezeInstruction', () => {
  const body = '{"client_reference":"po_1","amount_minor":"1000000"}';

  test('the key is derived from payout id, instruction number and body hash, and is stable', () => {
    const first = freezeInstruction('po_1', body);
    const again = freezeInstruction('po_1', body);
    expect(again).toEqual(first);
    expect(first.requestHash).toBe(sha256Hex(body));
    expect(first.idempotencyKey).toBe(sha256Hex(`po_1:1:${first.requestHash}`));
    expect(first.idempotencyKey).toMatch(/^[0-9a-f]{64}$/);
    expect(first.body).toBe(body);
  });

  test('another payout, another body or another instruction number gives another key', () => {
    const first = freezeInstruction('po_1', body);
    expect(freezeInstruction('po_2', body).idempotencyKey).not.toBe(first.idempotencyKey);
    expect(freezeInstruction('po_1', `${body} `).idempotencyKey).not.toBe(first.idempotencyKey);
    expect(freezeInstruction('po_1', body, 2).idempotencyKey).not.toBe(first.idempotencyKey);
    expect(idempotencyKeyOf('po_1', 1, first.requestHash)).toBe(first.idempotencyKey);
  });
});

describe('sortedMetadata', () => {
  test('orders keys by code point so insertion order never changes the bytes', () => {
    const a = JSON.stringify(sortedMetadata({ scenario: 'timeout', b: '2', A: '1' }));
    const b = JSON.stringify(sortedMetadata({ A: '1', scenario: 'timeout', b: '2' }));
    expect(a).toBe(b);
    expect(a).toBe('{"A":"1","b":"2","scenario":"timeout"}');
  });
});

describe('destinationOf', () => {
  test('a wallet needs its network and full address', () => {
    expect(
      destinationOf({ destinationType: 'wallet', destinationId: 'w1', network: 'base', destinationAddress: '0xabc' }),
    ).toEqual({ type: 'wallet', network: 'base', address: '0xabc' });
    expect(
      destinationOf({ destinationType: 'wallet', destinationId: 'w1', network: 'base', destinationAddress: null }),
    ).toEqual({ error: 'wallet_address_missing' });
  });

  test('a bank account goes by its token; anything else is refused', () => {
    expect(
      destinationOf({
        destinationType: 'bank_account',
        destinationId: 'ba_1',
        network: null,
        destinationAddress: null,
      }),
    ).toEqual({ type: 'bank_account', token: 'ba_1' });
    expect(
      destinationOf({ destinationType: 'card', destinationId: 'c', network: null, destinationAddress: null }),
    ).toEqual({ error: 'destination_type_unsupported' });
  });
});
