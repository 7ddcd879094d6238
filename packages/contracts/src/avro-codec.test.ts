import avro from 'avsc';
import { avroOptions, avroTypeFor, BigIntLongType, decodeEvent, encodeEvent, invalidPaths } from './avro-codec.ts';
import { TOPICS } from './generated/topics.ts';
import type { PayoutAcceptedV1 } from './generated/types.ts';

const ABOVE_2_POW_53 = 2n ** 60n + 7n; // not representable as a JS number

function accepted(overrides: Partial<PayoutAcceptedV1> = {}): PayoutAcceptedV1 {
  return {
    event_id: '0193a5f0-7c1e-7d2a-9a51-3f1d2b4c5e6f',
    event_type: 'payouts.accepted',
    occurred_at: Date.UTC(2025, 0, 15, 12, 30),
    producer: 'intake',
    correlation_id: '0193a5f0-7c1e-7d2a-9a51-000000000001',
    causation_id: null,
    payout_id: 'po_1',
    platform_id: 'pl_1',
    request_id: 'req_1',
    platform_reference: null,
    beneficiary_id: 'bn_1',
    destination_type: 'wallet',
    destination_id: 'wa_1',
    destination: '0x12ab…9f3c',
    network: 'polygon',
    destination_address: null,
    amount_minor: ABOVE_2_POW_53,
    currency: 'USDC',
    corridor: 'us-ph-usdc-polygon',
    program_id: 'prog_1',
    market: 'PH',
    request_hash: 'a'.repeat(64),
    metadata: { invoice: 'inv-9' },
    ...overrides,
  };
}

describe('avro long as bigint', () => {
  it('round-trips an amount above 2^53 exactly through the topic type', () => {
    const event = accepted();
    const decoded = decodeEvent('payouts.accepted.v1', encodeEvent('payouts.accepted.v1', event));
    expect(decoded.amount_minor).toBe(ABOVE_2_POW_53);
    expect(typeof decoded.amount_minor).toBe('bigint');
    expect(decoded).toEqual(event);
  });

  it('keeps timestamp-millis fields as numbers of epoch milliseconds', () => {
    const decoded = decodeEvent('payouts.accepted.v1', encodeEvent('payouts.accepted.v1', accepted()));
    expect(decoded.occurred_at).toBe(Date.UTC(2025, 0, 15, 12, 30));
  });

  it('decodes nested and nullable longs to bigint (ledger lines, settled amounts)', () => {
    const type = avroTypeFor('payouts.status-changed.v1');
    const schemaFields = TOPICS['payouts.status-changed.v1'].schema.fields.map((f) => f.name);
    expect(schemaFields).toContain('settled_amount_minor');
    const value = type.fromBuffer(
      type.toBuffer({
        ...type.random(),
        amount_minor: ABOVE_2_POW_53,
        settled_amount_minor: ABOVE_2_POW_53 - 1n,
        fee_amount_minor: null,
      }),
    );
    expect(value.settled_amount_minor).toBe(ABOVE_2_POW_53 - 1n);
    expect(value.fee_amount_minor).toBeNull();
  });

  it('works as forSchemaOptions: two versions of one record name in one process, as the registry client decodes', () => {
    const v1 = avro.Type.forSchema(TOPICS['payouts.accepted.v1'].schema as avro.Schema, avroOptions());
    const v2Schema = {
      ...TOPICS['payouts.accepted.v1'].schema,
      fields: [
        ...TOPICS['payouts.accepted.v1'].schema.fields,
        { name: 'extra', type: ['null', 'string'], default: null },
      ],
    };
    const v2 = avro.Type.forSchema(v2Schema as avro.Schema, avroOptions());
    const decoded = v2.fromBuffer(v1.toBuffer(accepted()), v2.createResolver(v1));
    expect(decoded.amount_minor).toBe(ABOVE_2_POW_53);
    expect(decoded.extra).toBeNull();
  });

  it('refuses numbers and out-of-range bigints for longs, naming the path', () => {
    expect(invalidPaths('payouts.accepted.v1', accepted())).toEqual([]);
    const asNumber = { ...accepted(), amount_minor: 100 } as unknown as PayoutAcceptedV1;
    expect(invalidPaths('payouts.accepted.v1', asNumber)).toEqual(['amount_minor']);
    expect(invalidPaths('payouts.accepted.v1', accepted({ amount_minor: 2n ** 63n }))).toEqual(['amount_minor']);
    expect(() => encodeEvent('payouts.accepted.v1', asNumber)).toThrow(/invalid/);
  });

  it('clones without losing precision and promotes int writers to bigint', () => {
    expect(BigIntLongType.clone(ABOVE_2_POW_53)).toBe(ABOVE_2_POW_53);
    expect(BigIntLongType.clone(-42n)).toBe(-42n);
    const intType = avro.Type.forSchema('int');
    expect(BigIntLongType.fromBuffer(intType.toBuffer(7), BigIntLongType.createResolver(intType))).toBe(7n);
  });

  it('encodes the same bytes as the plain long type for safe values (wire compatible)', () => {
    const plain = avro.Type.forSchema('long');
    for (const n of [0, 1, -1, 2 ** 31, -(2 ** 40), 2 ** 52]) {
      expect(BigIntLongType.toBuffer(BigInt(n))).toEqual(plain.toBuffer(n));
    }
  });
});
