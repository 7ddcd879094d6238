import { type Messaging, startGroupAtEnd } from '@sluice/messaging';
import { uniqueName, waitFor } from '@sluice/testing';
import type { Consumer } from 'kafkajs';
import { explained } from './explained.ts';

/** A decoded event as a consumer sees it: envelope plus payload, keyed by the topic it came from. */
export interface TappedEvent {
  readonly topic: string;
  readonly value: Record<string, unknown>;
}

/**
 * Reads the real topics the way any consumer does (registry-framed Avro), from their end at start, keeping only
 * events about the payouts this suite watches: other suites and demos publish on the same topics.
 */
export class TopicTap {
  readonly #consumer: Consumer;
  readonly #watched = new Set<string>();
  readonly #events: TappedEvent[] = [];

  private constructor(consumer: Consumer) {
    this.#consumer = consumer;
  }

  static async start(messaging: Messaging, brokers: readonly string[], topics: readonly string[]): Promise<TopicTap> {
    const groupId = uniqueName('e2e-tap');
    await startGroupAtEnd(brokers, groupId, topics);
    const consumer = messaging.kafka.consumer({ groupId });
    const tap = new TopicTap(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics] });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        // Every topic tapped here is keyed by payout id (ARCHITECTURE.md §3): skip others' events undecoded.
        const key = message.key?.toString();
        if (!key || !tap.#watched.has(key) || !message.value) return;
        const value = await messaging.registry.decode<Record<string, unknown>>(topic, message.value);
        tap.#events.push({ topic, value });
      },
    });
    return tap;
  }

  watch(payoutId: string): void {
    this.#watched.add(payoutId);
  }

  /** Events about `payoutId` on `topic`, in the order they were consumed (per-payout order, one partition). */
  about(topic: string, payoutId: string): Record<string, unknown>[] {
    return this.#events.filter((e) => e.topic === topic && e.value.payout_id === payoutId).map((e) => e.value);
  }

  async waitFor(
    topic: string,
    payoutId: string,
    predicate: (value: Record<string, unknown>) => boolean,
    description: string,
  ): Promise<Record<string, unknown>> {
    const found = waitFor(() => this.about(topic, payoutId).find(predicate), {
      timeoutMs: 30_000,
      description: `${description} on ${topic}`,
    });
    return explained(found, () => this.about(topic, payoutId));
  }

  stop(): Promise<void> {
    return this.#consumer.disconnect();
  }
}
