import { canonicalRequest, requestHash, validatePayoutRequest } from './payout-request.ts';

const BENEFICIARY = '01a21828-4c66-739b-9b55-3889db7d7aa1';
const WALLET = '01a21828-4c76-7276-bb93-003b8b97a037';
const valid = {
  beneficiary_id: BENEFICIARY,
  destination: { type: 'wallet', id: WALLET },
  amount_minor: '1250000',
  currency: 'USDC',
  corridor: 'US-USDC-BASE',
  platform_reference: 'inv-42',
  metadata: { order: '42' },
};

const codes = (body: unknown) => {
  const result = validatePayoutRequest(body);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}:${issue.code}`);
};

describe('validatePayoutRequest', () => {
  it('accepts a complete request and reduces it to one shape', () => {
    const result = validatePayoutRequest(valid);
    expect(result).toEqual({
      ok: true,
      value: {
        platformReference: 'inv-42',
        beneficiaryId: BENEFICIARY,
        destination: { type: 'wallet', id: WALLET },
        amountMinor: 1_250_000n,
        currency: 'USDC',
        corridor: { code: 'US-USDC-BASE', market: 'US', currency: 'USDC', rail: 'BASE' },
        metadata: { order: '42' },
      },
    });
  });

  it('takes the amount as an integer or a digit string, never a float', () => {
    expect(codes({ ...valid, amount_minor: 1_250_000 })).toEqual([]);
    expect(codes({ ...valid, amount_minor: 12.5 })).toEqual(['amount_minor:amount_not_integer']);
    expect(codes({ ...valid, amount_minor: '12.50' })).toEqual(['amount_minor:amount_not_integer']);
    expect(codes({ ...valid, amount_minor: '1e6' })).toEqual(['amount_minor:amount_not_integer']);
    expect(codes({ ...valid, amount_minor: 0 })).toEqual(['amount_minor:amount_not_positive']);
    expect(codes({ ...valid, amount_minor: '-5' })).toEqual(['amount_minor:amount_not_positive']);
    expect(codes({ ...valid, amount_minor: 2 ** 53 + 2 })).toEqual(['amount_minor:amount_too_large']);
    expect(codes({ ...valid, amount_minor: '1'.repeat(19) })).toEqual(['amount_minor:amount_too_large']);
  });

  it('reports every issue at once, with field paths', () => {
    expect(
      codes({ destination: { type: 'cash', id: 'x' }, currency: 'XXX', amount_minor: '5', corridor: 'us-usdc' }),
    ).toEqual([
      'beneficiary_id:required',
      'destination.type:invalid_enum',
      'destination.id:invalid_id',
      'currency:currency_unknown',
      'corridor:corridor_invalid',
    ]);
  });

  it('refuses server-owned fields (mass assignment) and unknown ones', () => {
    expect(codes({ ...valid, status: 'confirmed', id: WALLET, fee_amount_minor: '0', colour: 'red' })).toEqual([
      'status:server_owned_field',
      'id:server_owned_field',
      'fee_amount_minor:server_owned_field',
      'colour:unknown_field',
    ]);
    expect(codes({ ...valid, destination: { type: 'wallet', id: WALLET, address: '0xabc' } })).toEqual([
      'destination.address:unknown_field',
    ]);
  });

  it('bounds metadata: string values, key and value lengths, key count', () => {
    expect(codes({ ...valid, metadata: { n: 1 } })).toEqual(['metadata.n:metadata_value_invalid']);
    expect(codes({ ...valid, metadata: { ['k'.repeat(41)]: 'v' } })).toEqual([
      `metadata.${'k'.repeat(41)}:metadata_key_invalid`,
    ]);
    expect(codes({ ...valid, metadata: { v: 'x'.repeat(501) } })).toEqual(['metadata.v:metadata_value_invalid']);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(codes({ ...valid, metadata: many })).toEqual(['metadata:metadata_too_many_keys']);
    expect(codes({ ...valid, metadata: ['a'] })).toEqual(['metadata:invalid_type']);
  });

  it('refuses a body that is not an object', () => {
    expect(codes([valid])).toEqual([':body_not_object']);
    expect(codes(undefined)).toEqual([':body_not_object']);
  });
});

describe('requestHash', () => {
  const hashOf = (body: unknown) => {
    const result = validatePayoutRequest(body);
    if (!result.ok) throw new Error('invalid');
    return requestHash(result.value);
  };

  it('is the same for the same meaning: key order and amount spelling do not matter', () => {
    const { metadata, corridor, ...rest } = valid;
    const reordered = { metadata, corridor, ...rest, amount_minor: 1_250_000 };
    expect(hashOf(reordered)).toBe(hashOf(valid));
  });

  it('changes with anything that changes the payout', () => {
    const base = hashOf(valid);
    expect(hashOf({ ...valid, amount_minor: '1250001' })).not.toBe(base);
    expect(hashOf({ ...valid, metadata: { order: '43' } })).not.toBe(base);
    expect(hashOf({ ...valid, platform_reference: undefined })).not.toBe(base);
  });

  it('is computed over the canonical request, amounts as strings', () => {
    const result = validatePayoutRequest(valid);
    expect(result.ok && canonicalRequest(result.value)).toMatchObject({
      amount_minor: '1250000',
      corridor: 'US-USDC-BASE',
    });
  });
});
