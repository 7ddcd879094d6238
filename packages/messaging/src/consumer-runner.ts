import type { Database, EntityManager } from '@sluice/persistence';
import { type Logger, payoutLogger } from '@sluice/service-kit';
import type { Batch, Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { type DeadLetter, publishDeadLetters } from './dead-letter.ts';
import { type Envelope, envelopeProblem, traceFrom } from './envelope.ts';
import { classify, errorMessage } from './errors.ts';
import type { MessagingMetrics } from './metrics.ts';
import type { Outbox, OutgoingEvent, Payload } from './outbox.ts';
import type { RegistryClient } from './registry.ts';
import { kafkaTopicName, logicalTopic } from './topic-namespace.ts';

/** What a handler gets besides the event: the open transaction and a way to emit follow-up events into the outbox. */
export interface HandlerContext {
  /** The EntityManager of the transaction that also holds the inbox row; commit is the runner's job. */
  readonly em: EntityManager;
  readonly logger: Logger;
  /** Adds an event caused by the one being handled (same correlation, causation = this event) to the outbox. */
  emit<E extends Envelope>(topic: string, payload: Payload<E>): void;
  readonly source: { readonly topic: string; readonly partition: number; readonly offset: string };
}

/** A thin adapter from one topic to one use case (STYLE.md: "A Kafka handler is thin"). */
export interface EventHandler<E extends Envelope = Envelope> {
  readonly topic: string;
  /**
   * Optional batch read ahead of a chunk: called once per chunk on the fast path, inside the chunk's transaction, after
   * the inbox insert, with the chunk's fresh (non-duplicate) events in order, before their `handle` calls. It lets a
   * handler replace one read per event with one read per chunk.
   *
   * It may only read. Anything it caches must be scoped to that transaction's `em` (e.g. a WeakMap keyed by it) and
   * must not be trusted after a write it could have missed. It is an optimisation only: the per-message fallback path
   * never calls it, so `handle` must be correct without it.
   */
  prepare?(events: readonly E[], context: Pick<HandlerContext, 'em'>): Promise<void>;
  handle(event: E, context: HandlerContext): Promise<void>;
  /**
   * Optional end of a chunk: called once per chunk on the fast path, inside the chunk's transaction, after the last
   * `handle` and before the outbox rows are written. With `prepare` it lets a handler buffer its writes and make them
   * in one statement per table instead of one per event. Like `prepare`, the fallback path never calls it.
   */
  finish?(context: Pick<HandlerContext, 'em'>): Promise<void>;
}

export interface ConsumerRunnerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly db: Database;
  readonly registry: RegistryClient;
  readonly outbox: Outbox;
  readonly producer: Producer;
  readonly handlers: readonly EventHandler[];
  readonly logger: Logger;
  readonly metrics: MessagingMetrics;
  /** Topic namespace of the Kafka topics read; handlers, inbox rows and dead letters keep the logical names. */
  readonly namespace?: string;
  /** Attempts per message before it is dead-lettered as `retries_exhausted`. */
  readonly maxAttempts?: number;
  readonly fromBeginning?: boolean;
  /** Messages per transaction on the fast path; bounds transaction length and memory. */
  readonly chunkSize?: number;
  /**
   * Partitions handled at once, each in its own transaction (default 1). Order per partition, and so per payout, is
   * kept; a handler whose transactions lock shared rows must lock them in one global order before raising it.
   */
  readonly partitionsConcurrently?: number;
  /**
   * Failure-drill hook, run after a chunk's transaction committed and before its offsets are committed. A drill kills
   * the process here to prove redelivery is deduplicated; production code never sets it.
   */
  readonly afterDbCommit?: (eventIds: readonly string[]) => Promise<void>;
}

/** Where a chunk came from, by logical topic name. */
type Source = Pick<Batch, 'topic' | 'partition'>;

interface Decoded {
  readonly message: KafkaMessage;
  readonly event: Envelope;
}

const BASE_BACKOFF_MS = 100;
/** About fifty events: what a fetch waits for under load. */
const FETCH_MIN_BYTES = 16_384;
/** The most a fetch waits for FETCH_MIN_BYTES: the latency an idle topic adds per hop. */
const FETCH_MAX_WAIT_MS = 25;
const MAX_BACKOFF_MS = 2_000;
/** Pause before a crashed consumer rejoins its group. */
const REJOIN_DELAY_MS = 1_000;

/**
 * Runs handlers exactly-once in effect over an at-least-once topic: decode through the registry, then one transaction
 * holding {inbox row, handler effect, outbox rows}, commit, and only then commit the Kafka offset. A redelivered event
 * finds its inbox row and is skipped. Messages that can never succeed go to `<topic>.dlq` and the partition moves on.
 */
export class ConsumerRunner {
  readonly #options: ConsumerRunnerOptions;
  readonly #handlers: Map<string, EventHandler>;
  #consumer: Consumer;
  #stopped = false;
  readonly #maxAttempts: number;
  readonly #chunkSize: number;
  readonly #namespace: string;

  constructor(options: ConsumerRunnerOptions) {
    this.#options = options;
    this.#handlers = new Map(options.handlers.map((handler) => [handler.topic, handler]));
    this.#consumer = this.#newConsumer();
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#chunkSize = options.chunkSize ?? 200;
    this.#namespace = options.namespace ?? '';
  }

  async start(): Promise<void> {
    this.#stopped = false;
    await this.#run();
  }

  /** Stops fetching, lets the in-flight batch finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#consumer.disconnect();
  }

  #newConsumer(): Consumer {
    // A fetch waits for FETCH_MIN_BYTES (or FETCH_MAX_WAIT_MS) instead of answering with the first event: under load a
    // consumer takes its events in chunks of dozens rather than ones and twos, so a chunk's one transaction, one inbox
    // insert and one outbox insert serve many events, and the broker answers far fewer fetches.
    const consumer = this.#options.kafka.consumer({
      groupId: this.#options.groupId,
      allowAutoTopicCreation: false,
      minBytes: FETCH_MIN_BYTES,
      maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs rejoins by itself after a retriable error; after a non-retriable one (e.g. the coordinator dropped
      // this member after a long stall) its consumer stays stopped, and the service would live on without consuming.
      if (payload.restart || this.#stopped) return;
      this.#options.logger.error({ err: payload.error, group: payload.groupId }, 'consumer crashed; rejoining');
      void this.#rejoin();
    });
    return consumer;
  }

  /** A fresh consumer in the same group: offsets not yet committed are redelivered and deduplicated by the inbox. */
  async #rejoin(): Promise<void> {
    await this.#consumer.disconnect().catch(() => undefined);
    while (!this.#stopped) {
      await new Promise((resolve) => setTimeout(resolve, REJOIN_DELAY_MS));
      if (this.#stopped) return;
      try {
        this.#consumer = this.#newConsumer();
        await this.#run();
        return;
      } catch (error) {
        this.#options.logger.error({ err: error }, 'consumer could not rejoin; trying again');
        await this.#consumer.disconnect().catch(() => undefined);
      }
    }
  }

  async #run(): Promise<void> {
    const consumer = this.#consumer;
    await consumer.connect();
    await consumer.subscribe({
      topics: [...this.#handlers.keys()].map((topic) => kafkaTopicName(this.#namespace, topic)),
      fromBeginning: this.#options.fromBeginning ?? true,
    });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.#options.partitionsConcurrently ?? 1,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        const source: Source = { topic: logicalTopic(this.#namespace, batch.topic), partition: batch.partition };
        this.#options.metrics.consumerLag.set(
          { topic: source.topic, partition: String(batch.partition) },
          Number(batch.offsetLag()),
        );
        for (let start = 0; start < batch.messages.length; start += this.#chunkSize) {
          if (!isRunning() || isStale()) return;
          const chunk = batch.messages.slice(start, start + this.#chunkSize);
          await this.#processChunk(source, chunk);
          const last = chunk.at(-1)!;
          // resolveOffset advances the fetch position; commitOffsets makes it durable for the group.
          resolveOffset(last.offset);
          await consumer.commitOffsets([
            { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
          ]);
          await heartbeat();
        }
      },
    });
  }

  async #processChunk(batch: Source, chunk: readonly KafkaMessage[]): Promise<void> {
    const letters: DeadLetter[] = [];
    const decoded: Decoded[] = [];
    for (const message of chunk) {
      const result = await this.#decode(batch.topic, message);
      if ('letter' in result) letters.push({ ...result.letter, partition: batch.partition });
      else decoded.push(result);
    }
    const committed = await this.#applyTogether(batch, decoded).catch((error: unknown) => {
      // Normal for a poison event (the fallback isolates it); a steady rate means a handler's chunk path is broken.
      this.#options.metrics.chunkFallbacks.inc({ topic: batch.topic });
      this.#options.logger.warn(
        { topic: batch.topic, events: decoded.length, reason: errorMessage(error) },
        'chunk failed; handling its events one by one',
      );
      return undefined;
    });
    if (committed) {
      await this.#options.afterDbCommit?.(committed);
    } else {
      // One handler failed: isolate it by handling the chunk message by message, with retries.
      for (const item of decoded) {
        const letter = await this.#applyAlone(batch, item);
        if (letter) letters.push(letter);
      }
      await this.#options.afterDbCommit?.(decoded.map((item) => item.event.event_id));
    }
    // Dead letters are published before the offset moves past them: a DLQ outage stalls, it never loses.
    await publishDeadLetters(this.#options.producer, this.#options.groupId, letters, this.#namespace);
    for (const letter of letters) {
      this.#options.metrics.deadLettered.inc({ topic: letter.topic, error_class: letter.errorClass });
      this.#options.logger.warn(
        { topic: letter.topic, offset: letter.message.offset, error_class: letter.errorClass, reason: letter.reason },
        'message dead-lettered',
      );
    }
  }

  async #decode(topic: string, message: KafkaMessage): Promise<Decoded | { letter: Omit<DeadLetter, 'partition'> }> {
    try {
      if (!message.value) throw new Error('message has no value (tombstone)');
      const event = await this.#options.registry.decode<Envelope>(topic, message.value);
      const problem = envelopeProblem(event);
      if (problem) {
        return { letter: { topic, message, errorClass: 'invalid_envelope', reason: problem, attempts: 1 } };
      }
      return { message, event };
    } catch (error) {
      return { letter: { topic, message, errorClass: 'undecodable', reason: errorMessage(error), attempts: 1 } };
    }
  }

  /** Fast path: the whole chunk in one transaction, duplicates filtered by one multi-row inbox insert. */
  async #applyTogether(batch: Source, items: readonly Decoded[]): Promise<string[] | undefined> {
    if (items.length === 0) return [];
    const handler = this.#handlerOf(batch.topic);
    const stop = this.#options.metrics.handlerSeconds.startTimer({ topic: batch.topic });
    const fresh = await this.#options.db.transaction(async (em) => {
      const inserted = await this.#insertInbox(em, batch, items);
      // delete(): the same event twice in one chunk is handled once.
      const todo = items.filter((item) => inserted.delete(item.event.event_id));
      const events = todo.map((item) => item.event);
      if (events.length > 0) await handler.prepare?.(events, { em });
      const outgoing: OutgoingEvent[] = [];
      for (const item of todo) await this.#handle(em, batch, item, outgoing);
      if (events.length > 0) await handler.finish?.({ em });
      await this.#options.outbox.append(em, outgoing);
      return todo.length;
    });
    stop();
    this.#count(batch.topic, items.length, fresh);
    return items.map((item) => item.event.event_id);
  }

  /** Slow path: one message, its own transaction, retried with backoff; returns a dead letter when it gives up. */
  async #applyAlone(batch: Source, item: Decoded): Promise<DeadLetter | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const fresh = await this.#options.db.transaction(async (em) => {
          const inserted = await this.#insertInbox(em, batch, [item]);
          if (inserted.size === 0) return 0;
          const outgoing: OutgoingEvent[] = [];
          await this.#handle(em, batch, item, outgoing);
          await this.#options.outbox.append(em, outgoing);
          return 1;
        });
        this.#count(batch.topic, 1, fresh);
        return undefined;
      } catch (error) {
        const kind = classify(error);
        const base = { topic: batch.topic, partition: batch.partition, message: item.message, attempts: attempt };
        if (kind === 'non_retryable') return { ...base, errorClass: 'non_retryable', reason: errorMessage(error) };
        if (attempt >= this.#maxAttempts)
          return { ...base, errorClass: 'retries_exhausted', reason: errorMessage(error) };
        this.#options.metrics.retries.inc({ topic: batch.topic });
        const backoffMs = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
  }

  async #insertInbox(em: EntityManager, batch: Source, items: readonly Decoded[]): Promise<Set<string>> {
    const params: unknown[] = [];
    const rows = items.map((item) => {
      params.push(item.event.event_id, batch.topic, batch.partition, item.message.offset, item.event.event_type);
      return '(?, ?, ?, ?, ?)';
    });
    const inserted = await em.execute<{ event_id: string }[]>(
      `insert into inbox (event_id, topic, partition, "offset", event_type) values ${rows.join(', ')}
       on conflict (event_id) do nothing returning event_id`,
      params,
    );
    return new Set(inserted.map((row) => row.event_id));
  }

  #handlerOf(topic: string): EventHandler {
    const handler = this.#handlers.get(topic);
    if (!handler) throw new Error(`no handler for ${topic}`);
    return handler;
  }

  async #handle(em: EntityManager, batch: Source, item: Decoded, outgoing: OutgoingEvent[]): Promise<void> {
    const handler = this.#handlerOf(batch.topic);
    const { outbox } = this.#options;
    const context: HandlerContext = {
      em,
      logger: payoutLogger(this.#options.logger, {
        payoutId: item.event.payout_id,
        correlationId: item.event.correlation_id,
      }),
      emit: (topic, payload) => {
        outgoing.push(outbox.event(topic, payload, traceFrom(item.event)));
      },
      source: { topic: batch.topic, partition: batch.partition, offset: item.message.offset },
    };
    await handler.handle(item.event as never, context);
  }

  #count(topic: string, total: number, fresh: number): void {
    this.#options.metrics.consumed.inc({ topic }, fresh);
    if (total > fresh) this.#options.metrics.duplicates.inc({ topic }, total - fresh);
  }
}
