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
   * How often a claim looks at the whole outbox instead of starting after the last row published (see `#floor`): the
   * longest a row committed after a row with a higher id can wait to be published. 250 ms by default.
   */
  readonly fullScanIntervalMs?: number;
  /**
   * Failure-drill hook, run after the broker acked a batch and before the rows are marked sent. A drill throws here to
   * reproduce a relay crash in that window; production code never sets it.
   */
  readonly afterPublish?: (eventIds: readonly string[]) => Promise<void>;
}

const MAX_BACKOFF_MS = 5_000;

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
   * Claims start at this id. Published rows leave dead entries in the unsent index until vacuum removes them (at most
   * once a minute per database), and a claim from the lowest id walked them all: 3.3 ms per claim in the dispatch
   * benchmark, the largest single statement there. After a batch commits, the floor moves past its last row. A row
   * below the floor can still be unsent (its transaction committed after a higher id was published, or another relay
   * instance that skipped-locked it failed), so every `fullScanIntervalMs` a claim starts from the bottom again.
   */
  #floor = 0n;
  #fullScanAtMs = 0;
  readonly #fullScanIntervalMs: number;

  constructor(options: RelayOptions) {
    this.#options = options;
    this.#batchSize = options.batchSize ?? 500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.#lingerMs = options.lingerMs ?? 5;
    this.#fullScanIntervalMs = options.fullScanIntervalMs ?? 250;
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
    const fullScan = nowMs - this.#fullScanAtMs >= this.#fullScanIntervalMs;
    if (fullScan) this.#fullScanAtMs = nowMs;
    const published = await this.#publishFrom(fullScan ? 0n : this.#floor).catch((error: unknown) => {
      // Whatever failed, the next claim looks at everything again.
      this.#fullScanAtMs = 0;
      throw error;
    });
    // Only once committed: a batch rolled back leaves its rows unsent, and a full scan finds them.
    if (published.lastId !== undefined) {
      const next = published.lastId + 1n;
      this.#floor = fullScan || next > this.#floor ? next : this.#floor;
    }
    return published.count;
  }

  async #publishFrom(floor: bigint): Promise<{ count: number; lastId?: bigint }> {
    const { db, producer, registry, metrics } = this.#options;
    return db.transaction(async (em) => {
      const rows = await em.execute<OutboxRow[]>(
        `select id, event_id, topic, message_key, payload, payout_id, correlation_id from outbox
         where sent_at is null and id >= ? order by id limit ? for update skip locked`,
        [floor.toString(), this.#batchSize],
      );
      if (rows.length === 0) return { count: 0 };
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
      return { count: rows.length, lastId: BigInt(rows.at(-1)!.id) };
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

  /** The backlog gauge, refreshed at most once per poll interval: a count per batch would cost a round trip each. */
  async #countBacklog(): Promise<void> {
    const nowMs = Date.now();
    if (nowMs - this.#backlogCountedAtMs < this.#pollIntervalMs) return;
    this.#backlogCountedAtMs = nowMs;
    const backlog = await this.#options.db
      .fork()
      .execute<{ n: string }[]>('select count(*) as n from outbox where sent_at is null');
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
