import { avroOptions, TOPICS } from '@sluice/contracts';
import { EventCodec, EventShapeError } from './codec.ts';
import { envelope } from './envelope.ts';
import { frame } from './registry.ts';

const topic = 'payouts.requested.v1';
const codec = new EventCodec({ [topic]: TOPICS[topic] }, avroOptions());
const requested = (overrides: Record<string, unknown> = {}) => ({
  ...envelope(topic, 'test', { correlationId: 'corr-1' }),
  platform_id: 'plt_1',
  request_id: 'req-1',
  platform_reference: null,
  beneficiary_id: 'ben_1',
  destination: { type: 'wallet', id: 'wal_1' },
  amount_minor: 2n ** 60n,
  currency: 'USDC',
  corridor: 'US-USDC-BASE',
  metadata: {},
  ...overrides,
});

describe('EventCodec', () => {
  it('round-trips an event with a bigint amount beyond 2^53 exactly', () => {
    const event = requested();
    const decoded = codec.decode<{ amount_minor: bigint }>(topic, codec.encode(topic, event));
    expect(decoded.amount_minor).toBe(2n ** 60n);
  });

  it('refuses an event that does not fit its schema, naming every bad field', () => {
    expect.assertions(2);
    try {
      codec.encode(topic, requested({ amount_minor: 12.5, currency: 7 }));
    } catch (error) {
      expect(error).toBeInstanceOf(EventShapeError);
      expect((error as EventShapeError).paths).toEqual(['amount_minor', 'currency']);
    }
  });

  it('keys the message by the topic key field (per-payout order)', () => {
    expect(codec.keyOf(topic, requested())).toBe('req-1');
    expect(() => codec.keyOf(topic, requested({ request_id: '' }))).toThrow(EventShapeError);
  });
});

describe('frame', () => {
  it('writes the registry wire format: magic byte 0, big-endian schema id, Avro bytes', () => {
    const framed = frame(258, Buffer.from([1, 2, 3]));
    expect([...framed]).toEqual([0, 0, 0, 1, 2, 1, 2, 3]);
  });
});
