import { avroOptions, TOPICS } from '@sluice/contracts';
import { EventCodec, RegistryClient } from '@sluice/messaging';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { cpuMs, memoryMiB } from '../service-process.ts';

/** One settle entry seen on the posted-ledger topic, with the ids the load generator tracks payouts by. */
export interface Settled {
  readonly payoutId: string;
  readonly correlationId: string;
  readonly atMs: number;
}

/**
 * Reads the run's `ledger.entries-posted.v1` (a group of its own) and records every `settle` entry: the moment a
 * payout is done for the benchmark.
 */
export async function tapSettlements(
  endpoints: { kafkaBrokers: readonly string[]; schemaRegistryUrl: string },
  kafkaTopic: string,
  groupId: string,
) {
  const topic = 'ledger.entries-posted.v1';
  const codec = new EventCodec({ [topic]: TOPICS[topic] }, avroOptions());
  const registry = new RegistryClient({ url: endpoints.schemaRegistryUrl, codec, avroOptions: avroOptions() });
  const kafka = new Kafka({ clientId: groupId, brokers: [...endpoints.kafkaBrokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId });
  const settled: Settled[] = [];
  let entries = 0;
  await consumer.connect();
  // The run's own topic (a fresh namespace): everything on it is the run's.
  await consumer.subscribe({ topics: [kafkaTopic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const atMs = Date.now();
      for (const message of batch.messages) {
        if (!message.value) continue;
        entries += 1;
        const entry = await registry.decode<{ entry_type: string; payout_id: string | null; correlation_id: string }>(
          topic,
          message.value,
        );
        if (entry.entry_type === 'settle' && entry.payout_id) {
          settled.push({ payoutId: entry.payout_id, correlationId: entry.correlation_id, atMs });
        }
      }
    },
  });
  return {
    settled,
    entries: () => entries,
    stop: () => consumer.disconnect(),
  };
}

/** A process whose CPU and memory the benchmark samples from /proc. */
export interface Watched {
  readonly name: string;
  readonly pids: () => number[];
}

export interface Sample {
  readonly atMs: number;
  /** Lag per consumer group, summed over its topics and partitions. */
  readonly lag: Record<string, number>;
  /** End offset per topic (summed over partitions): its difference between samples is events/s per stage. */
  readonly ends: Record<string, number>;
  /** Unsent outbox rows per service database. */
  readonly outbox: Record<string, number>;
  /** Committed transactions so far per service database (pg_stat_database, updated by PostgreSQL with a short lag). */
  readonly commits: Record<string, number>;
  readonly cpuMs: Record<string, number>;
  readonly rssMiB: Record<string, number>;
}

export interface SamplerOptions {
  readonly brokers: readonly string[];
  readonly postgresUrl: string;
  /** Consumer group → the Kafka topics it reads. */
  readonly groups: Record<string, readonly string[]>;
  /** Logical topic → Kafka topic name. */
  readonly topics: Record<string, string>;
  /** Service → its database. */
  readonly databases: Record<string, string>;
  /** Service → its base URL: the outbox backlog is read from its own `sluice_outbox_backlog` gauge. */
  readonly serviceUrls: Record<string, string>;
  readonly watched: readonly Watched[];
}

async function groupLag(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
  ends: Map<string, Map<number, number>>,
) {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  let lag = 0;
  for (const { topic, partitions } of committed) {
    for (const { partition, offset } of partitions) {
      const end = ends.get(topic)?.get(partition) ?? 0;
      lag += Math.max(0, end - Math.max(0, Number(offset)));
    }
  }
  return lag;
}

/** A service's `sluice_outbox_backlog` gauge; -1 when it cannot be read. */
async function outboxBacklog(url: string | undefined): Promise<number> {
  if (!url) return -1;
  const text = await fetch(`${url}/metrics`)
    .then((response) => response.text())
    .catch(() => '');
  const line = text.split('\n').find((l) => l.startsWith('sluice_outbox_backlog{'));
  return line ? Number(line.split(' ').at(-1)) : -1;
}

/** Samples lag, topic ends, outbox backlogs and /proc figures on demand. */
export async function startSampler(options: SamplerOptions) {
  const kafka = new Kafka({
    clientId: 'sluice-bench-sampler',
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const pools = Object.fromEntries(
    Object.entries(options.databases).map(([service, database]) => [
      service,
      new pg.Pool({ connectionString: `${options.postgresUrl}/${database}`, max: 1 }),
    ]),
  );
  const sample = async (): Promise<Sample> => {
    const atMs = Date.now();
    const kafkaTopics = new Set([...Object.values(options.topics), ...Object.values(options.groups).flat()]);
    const ends = new Map<string, Map<number, number>>();
    for (const topic of kafkaTopics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      ends.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
    }
    const lag: Record<string, number> = {};
    for (const [group, topics] of Object.entries(options.groups))
      lag[group] = await groupLag(admin, group, topics, ends);
    const topicEnds: Record<string, number> = {};
    for (const [logical, kafkaTopic] of Object.entries(options.topics)) {
      topicEnds[logical] = [...(ends.get(kafkaTopic)?.values() ?? [])].reduce((a, b) => a + b, 0);
    }
    const outbox: Record<string, number> = {};
    const commits: Record<string, number> = {};
    for (const [service, pool] of Object.entries(pools)) {
      // The service's own gauge, not a count here: a count of unsent rows per sample walked every dead index entry
      // of the outbox, 60–130 ms per database, a load on PostgreSQL of the benchmark's own making.
      outbox[service] = await outboxBacklog(options.serviceUrls[service]);
      const stats = await pool.query<{ n: string }>(
        'select xact_commit as n from pg_stat_database where datname = current_database()',
      );
      commits[service] = Number(stats.rows[0]?.n ?? 0);
    }
    const cpu: Record<string, number> = {};
    const rss: Record<string, number> = {};
    for (const watched of options.watched) {
      const pids = watched.pids();
      cpu[watched.name] = pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
      rss[watched.name] = pids.reduce((sum, pid) => sum + memoryMiB(pid).rss, 0);
    }
    return { atMs, lag, ends: topicEnds, outbox, commits, cpuMs: cpu, rssMiB: rss };
  };
  return {
    sample,
    async stop() {
      await admin.disconnect();
      await Promise.all(Object.values(pools).map((pool) => pool.end()));
    },
  };
}
