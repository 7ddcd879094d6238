// A plain ERP-side consumer: kafkajs, the Confluent-compatible registry client and avsc only. No Sluice code here on
// purpose: it proves the posted-ledger topic is readable by anyone holding nothing but the registry URL.
import { randomUUID } from 'node:crypto';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import { Kafka, logLevel } from 'kafkajs';

export interface ErpLine {
  account_id: string;
  account_external_code: string;
  account_type: string;
  direction: string;
  amount_minor: bigint;
  currency: string;
}

export interface ErpEntryEvent {
  event_id: string;
  payout_id: string | null;
  entry_id: string;
  entry_type: string;
  effective_date: string;
  cause_event_id: string;
  reverses_entry_id: string | null;
  provider_reference: string | null;
  lines: ErpLine[];
}

const longAsBigInt = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (value: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(value);
    return buf;
  },
  fromJSON: BigInt,
  toJSON: (value: bigint) => Number(value),
  isValid: (value: unknown) => typeof value === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

/** Reads `topic` from the beginning until `done(entries)` says enough or `timeoutMs` passes. */
export async function consumePostedLedger(options: {
  brokers: readonly string[];
  registryUrl: string;
  topic: string;
  done: (entries: ErpEntryEvent[]) => boolean;
  timeoutMs: number;
}): Promise<ErpEntryEvent[]> {
  const registry = new SchemaRegistry(
    { host: options.registryUrl },
    {
      [SchemaType.AVRO]: {
        typeHook: (schema: avro.Schema) =>
          schema === 'long' ||
          ((schema as { type?: string }).type === 'long' && !(schema as { logicalType?: string }).logicalType)
            ? longAsBigInt
            : undefined,
      } as Partial<avro.ForSchemaOptions>,
    },
  );
  const kafka = new Kafka({ clientId: 'erp', brokers: [...options.brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `erp-${randomUUID()}` });
  const entries: ErpEntryEvent[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, options.timeoutMs);
      consumer
        .run({
          eachMessage: async ({ message }) => {
            if (!message.value) return;
            entries.push((await registry.decode(message.value)) as ErpEntryEvent);
            if (options.done(entries)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return entries;
}
