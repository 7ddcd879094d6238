import { randomUUID } from 'node:crypto';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import { Kafka, logLevel } from 'kafkajs';

/** One entry of `ledger.entries-posted.v1` as a plain Avro consumer decodes it (amounts as bigint). */
export interface ErpEntry {
  readonly entry_id: string;
  readonly entry_type: string;
  readonly effective_date: string;
  readonly payout_id: string | null;
  readonly provider_reference: string | null;
  readonly cause_event_id: string;
  readonly reverses_entry_id: string | null;
  readonly program_id: string | null;
  readonly description: string | null;
  readonly lines: readonly {
    readonly account_id: string;
    readonly account_external_code: string;
    readonly account_type: string;
    readonly direction: 'debit' | 'credit';
    readonly amount_minor: bigint;
    readonly currency: string;
  }[];
}

export interface ReadPostedLedgerOptions {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly topic?: string;
  /** How many entries to return (from the beginning of the topic). */
  readonly limit: number;
  /** Give up waiting for more entries after this long without a new one. */
  readonly idleTimeoutMs?: number;
  /** Only entries for which this returns true count (e.g. one program's). */
  readonly filter?: (entry: ErpEntry) => boolean;
}

/** Avro long as bigint, so no amount is ever rounded through a JS number. */
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

/**
 * Reads the first `limit` entries of the posted-ledger topic the way an ERP integration would: kafkajs, the schema
 * registry and avsc only, with a throwaway consumer group. Nothing of Sluice's own code is on this path.
 */
export async function readPostedLedger(options: ReadPostedLedgerOptions): Promise<ErpEntry[]> {
  const topic = options.topic ?? 'ledger.entries-posted.v1';
  const registry = new SchemaRegistry(
    { host: options.registryUrl },
    {
      [SchemaType.AVRO]: {
        typeHook: (schema: avro.Schema) =>
          schema === 'long' || (schema as { type?: string; logicalType?: string }).type === 'long'
            ? (schema as { logicalType?: string }).logicalType
              ? undefined
              : longAsBigInt
            : undefined,
      } as Partial<avro.ForSchemaOptions>,
    },
  );
  const kafka = new Kafka({ clientId: 'erp-reader', brokers: [...options.brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `erp-reader-${randomUUID()}` });
  const entries: ErpEntry[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      let idle: NodeJS.Timeout;
      const touch = () => {
        clearTimeout(idle);
        idle = setTimeout(resolve, options.idleTimeoutMs ?? 5_000);
      };
      touch();
      // Idle means no new message at all: joining the group, and earlier runs' entries the filter skips, take time too.
      consumer.on(consumer.events.GROUP_JOIN, touch);
      consumer
        .run({
          eachMessage: async ({ message }) => {
            if (!message.value || entries.length >= options.limit) return;
            touch();
            // Bytes whose schema id the registry no longer resolves (an in-memory registry restarted since they were
            // written, issue 16) are skipped, as an ERP consumer would dead-letter them, not stall the read.
            const entry = (await registry.decode(message.value).catch(() => undefined)) as ErpEntry | undefined;
            if (!entry) return;
            if (options.filter && !options.filter(entry)) return;
            entries.push(entry);
            if (entries.length >= options.limit) {
              clearTimeout(idle);
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
