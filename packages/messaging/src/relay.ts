import type { Database } from '@sluice/persistence';
import type { Logger } from '@sluice/service-kit';
import type { Producer } from 'kafkajs';
import pg from 'pg';
import type { MessagingMetrics } from './metrics.ts';
import { frame, type RegistryClient } from './registry.ts';
import { kafkaTopicName } from './topic-namespace.ts';

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  payload: Buffer;
  payout_id: string | null;
  correlation_id: string;
}

export interface RelayOptions {
  readonly db: Database;
  readonly producer: Producer;
  readonly registry: RegistryClient;
  readonly logger: Logger;
  readonly metrics: MessagingMetrics;
  /** Topic namespace the rows' logical topics are published in; empty (the default) is the production names. */
  readonly namespace?: string;
  /** Rows claimed per transaction; bounds both memory and the size of one Kafka batch. */
  readonly batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (a missed notification must not strand rows). */
  readonly pollIntervalMs?: number;
  /**
   * How long to wait after a wake-up before claiming, so rows committed close together go in one batch (Kafka's
   * producer does the same with `linger.ms`, 5 ms by default since Kafka 4.0). Without it a busy service runs one
   * claim-publish-mark cycle (five round trips) per committed row; 0 turns it off.
   */
  readonly lingerMs?: number;
  /**
   * How long an id the relay stepped over stays a gap it looks at again (see `#gaps`): a row whose transaction held
   * its id longer than this is published by the next full scan instead. 10 s by default.
   */
  readonly gapTtlMs?: number;
  /**
   * How often a claim looks at the whole outbox instead of after the last row published and at the gaps: the safety
   * net for rows neither covers. 5 s by default.
   */
  readonly fullScanIntervalMs?: number;
  /**
   * Failure-drill hook, run after the broker acked a batch and before the rows are marked sent. A drill throws here to
   * reproduce a relay crash in that window; production code never sets it.
   */
  readonly afterPublish?: (eventIds: readonly string[]) => Promise<void>;
}

const MAX_BACKOFF_MS = 5_000;
/** Most gaps remembered at once; beyond that the full scan finds what they would have (a rollback of a huge batch). */
const MAX_GAPS = 10_000;

/**
 * Publishes outbox rows: claims unsent rows with FOR UPDATE SKIP LOCKED (so several relay instances never publish the
 * same row concurrently), sends them as one idempotent batch, and marks them sent only after the broker acked, in the
 * same transaction. A crash between ack and commit republishes the batch: at-least-once, deduplicated by consumers.
 */
export class OutboxRelay {
  readonly #options: RelayOptions;
  readonly #batchSize: number;
  readonly #pollIntervalMs: number;
  readonly #lingerMs: number;
  #listener: pg.Client | undefined;
  #running = false;
  #wake: (() => void) | undefined;
  /** True only while the loop waits for work: a NOTIFY ends that wait, never the linger after it. */
  #idle = false;
  #backlogCountedAtMs = 0;
  /** Set by every NOTIFY; one that arrives while a batch is being published must not wait for the next poll. */
  #notified = false;
  #loop: Promise<void> | undefined;
  #failures = 0;
  /**
   * Claims look at ids from here on, and at `#gaps`. Published rows leave dead entries in the unsent index until
   * vacuum removes them (never, where autovacuum is off), and a claim from the lowest id walks them all: in the
   * end-to-end benchmark 5–28 ms and up to 1,800 buffers per claim, growing with the outbox. After a batch commits,
   * the floor moves past its last row.
   */
  #floor = 0n;
  /**
   * Ids below the floor that a claim stepped over, with when: a transaction that took its id before a higher one was
   * published but had not committed yet, a row another relay instance held, or an id a rollback used up. Claims look
   * at them again until they are published or `gapTtlMs` old; rows neither the floor nor a gap covers (a transaction
   * that held its id for longer) are found by the full scan every `fullScanIntervalMs`.
   */
  readonly #gaps = new Map<bigint, number>();
  readonly #gapTtlMs: number;
  #fullScanAtMs = 0;
  /** Set when a full scan is due; cleared by a full scan that found less than a batch (it saw every unsent row). */
  #fullScanDue = true;
  readonly #fullScanIntervalMs: number;

  constructor(options: RelayOptions) {
    this.#options = options;
    this.#batchSize = options.batchSize ?? 500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.#lingerMs = options.lingerMs ?? 5;
    this.#gapTtlMs = options.gapTtlMs ?? 10_000;
    this.#fullScanIntervalMs = options.fullScanIntervalMs ?? 5_000;
  }

  async start(): Promise<void> {
    this.#running = true;
    this.#listener = new pg.Client({ connectionString: this.#options.db.url });
    this.#listener.on('notification', () => {
      this.#notified = true;
      if (this.#idle) this.#wake?.();
    });
    this.#listener.on('error', (error) => this.#options.logger.warn({ err: error }, 'outbox listener lost'));
    await this.#listener.connect();
    await this.#listener.query('listen outbox_rows');
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    await this.#listener?.end().catch(() => undefined);
  }

  /** Publishes until the outbox is empty; returns how many rows were published. Used by the loop and by tests. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < this.#batchSize) return total;
    }
  }

  /** Claims, publishes and marks one batch in one transaction. */
  async publishBatch(): Promise<number> {
    const nowMs = Date.now();
    if (nowMs - this.#fullScanAtMs >= this.#fullScanIntervalMs) this.#fullScanDue = true;
    const fullScan = this.#fullScanDue;
    if (fullScan) this.#fullScanAtMs = nowMs;
    for (const [id, seenAtMs] of this.#gaps) if (nowMs - seenAtMs >= this.#gapTtlMs) this.#gaps.delete(id);
    const gaps = fullScan ? [] : [...this.#gaps.keys()];
    const published = await this.#publishFrom(fullScan ? 0n : this.#floor, gaps).catch((error: unknown) => {
      // Whatever failed, the next claim looks at everything again.
      this.#fullScanDue = true;
      throw error;
    });
    // Only once committed: a batch rolled back leaves its rows unsent where the next claim looks.
    this.#advance(published.ids, fullScan, nowMs);
    if (fullScan && published.ids.length < this.#batchSize) this.#fullScanDue = false;
    return published.ids.length;
  }

  /**
   * Moves the floor past the published rows and records the ids between that were not among them. A full scan
   * starts from the bottom, so only the ids from its first row on are known to have been stepped over.
   */
  #advance(ids: readonly bigint[], fullScan: boolean, nowMs: number): void {
    for (const id of ids) this.#gaps.delete(id);
    const first = ids[0];
    const last = ids.at(-1);
    if (first === undefined || last === undefined || last < this.#floor) return;
    const start = fullScan && first > this.#floor ? first : this.#floor;
    const published = new Set(ids);
    for (let id = start; id < last && this.#gaps.size < MAX_GAPS; id += 1n) {
      if (!published.has(id)) this.#gaps.set(id, nowMs);
    }
    this.#floor = last + 1n;
  }

  async #publishFrom(floor: bigint, gaps: readonly bigint[]): Promise<{ ids: bigint[] }> {
    const { db, producer, registry, metrics } = this.#options;
    return db.transaction(async (em) => {
      const rows = await em.execute<OutboxRow[]>(
        `select id, event_id, topic, message_key, payload, payout_id, correlation_id from outbox
         where sent_at is null and (id >= ? or id = any(?::bigint[])) order by id limit ? for update skip locked`,
        [floor.toString(), `{${gaps.join(',')}}`, this.#batchSize],
      );
      if (rows.length === 0) return { ids: [] };
      const byTopic = new Map<string, { key: string; value: Buffer; headers: Record<string, string> }[]>();
      for (const row of rows) {
        const schemaId = await registry.schemaId(row.topic);
        const messages = byTopic.get(row.topic) ?? [];
        messages.push({
          key: row.message_key,
          value: frame(schemaId, row.payload),
          headers: {
            event_id: row.event_id,
            correlation_id: row.correlation_id,
            ...(row.payout_id ? { payout_id: row.payout_id } : {}),
          },
        });
        byTopic.set(row.topic, messages);
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({
          topic: kafkaTopicName(this.#options.namespace ?? '', topic),
          messages,
        })),
      });
      await this.#options.afterPublish?.(rows.map((row) => row.event_id));
      await em.execute('update outbox set sent_at = now(), publish_attempts = publish_attempts + 1 where id in (?)', [
        rows.map((row) => row.id),
      ]);
      for (const [topic, messages] of byTopic) metrics.published.inc({ topic }, messages.length);
      return { ids: rows.map((row) => BigInt(row.id)) };
    });
  }

  async #run(): Promise<void> {
    const { logger, metrics } = this.#options;
    while (this.#running) {
      try {
        this.#notified = false;
        await this.drain();
        this.#failures = 0;
        await this.#countBacklog();
        // Rows committed during the drain notified while nothing was waiting: go again after the linger.
        if (!this.#notified) await this.#waitForWork();
        if (this.#running && this.#lingerMs > 0) await this.#sleep(this.#lingerMs);
      } catch (error) {
        // The broker or the registry is down: rows stay in the outbox (nothing is lost) and we back off.
        this.#failures += 1;
        metrics.publishFailures.inc();
        const backoffMs = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(this.#failures, 6));
        logger.warn({ err: error, backoff_ms: backoffMs }, 'outbox publish failed; will retry');
        await this.#recordFailure(error);
        await this.#sleep(backoffMs);
      }
    }
  }

  async #waitForWork(): Promise<void> {
    this.#idle = true;
    try {
      await this.#sleep(this.#pollIntervalMs);
    } finally {
      this.#idle = false;
    }
  }

  /**
   * The backlog gauge, refreshed at most once per poll interval: a count per batch would cost a round trip each. It
   * counts from the lowest id a claim still looks at (a count of the whole outbox walked the same dead entries as a
   * full claim, 10–40 ms each); a row only the full scan can find is counted once that scan has seen it.
   */
  async #countBacklog(): Promise<void> {
    const nowMs = Date.now();
    if (nowMs - this.#backlogCountedAtMs < this.#pollIntervalMs) return;
    this.#backlogCountedAtMs = nowMs;
    let lowest = this.#floor;
    for (const id of this.#gaps.keys()) if (id < lowest) lowest = id;
    const backlog = await this.#options.db
      .fork()
      .execute<{ n: string }[]>('select count(*) as n from outbox where sent_at is null and id >= ?', [
        lowest.toString(),
      ]);
    this.#options.metrics.outboxBacklog.set(Number(backlog[0]?.n ?? 0));
  }

  async #recordFailure(error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.#options.db
      .fork()
      .execute(
        `update outbox set publish_attempts = publish_attempts + 1, last_error = ?
         where id in (select id from outbox where sent_at is null order by id limit ?)`,
        [message.slice(0, 1000), this.#batchSize],
      )
      .catch(() => undefined);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
