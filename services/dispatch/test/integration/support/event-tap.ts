import type { DispatchAttemptedV1, PayoutStatusChangedV1 } from '@sluice/contracts';
import type { Messaging } from '@sluice/messaging';
import { type InfraEndpoints, uniqueName, waitFor } from '@sluice/testing';
import type { Consumer } from 'kafkajs';

const TOPICS = ['payouts.status-changed.v1', 'dispatch.attempted.v1'] as const;

/** Reads what dispatch published, from Kafka, decoded through the registry like any consumer; keeps watched payouts only. */
export class EventTap {
  readonly #consumer: Consumer;
  readonly #watched = new Set<string>();
  readonly #statuses = new Map<string, PayoutStatusChangedV1[]>();
  readonly #attempts = new Map<string, DispatchAttemptedV1[]>();

  private constructor(consumer: Consumer) {
    this.#consumer = consumer;
  }

  static async start(messaging: Messaging, _infra: InfraEndpoints): Promise<EventTap> {
    const consumer = messaging.kafka.consumer({ groupId: uniqueName('dispatch-it-tap') });
    const tap = new EventTap(consumer);
    await consumer.connect();
    // From the beginning: nothing can be missed while the group joins; events of other payouts are dropped unread.
    await consumer.subscribe({ topics: [...TOPICS], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const payoutId = message.key?.toString();
        if (!payoutId || !tap.#watched.has(payoutId) || !message.value) return;
        const event = await messaging.registry.decode<Record<string, unknown>>(topic, message.value);
        if (topic === 'dispatch.attempted.v1') {
          tap.#attempts.set(payoutId, [...tap.attempts(payoutId), event as unknown as DispatchAttemptedV1]);
        } else {
          tap.#statuses.set(payoutId, [...tap.statuses(payoutId), event as unknown as PayoutStatusChangedV1]);
        }
      },
    });
    return tap;
  }

  watch(payoutId: string): void {
    this.#watched.add(payoutId);
  }

  statuses(payoutId: string): PayoutStatusChangedV1[] {
    return this.#statuses.get(payoutId) ?? [];
  }

  attempts(payoutId: string): DispatchAttemptedV1[] {
    return this.#attempts.get(payoutId) ?? [];
  }

  /** Waits until a status-changed event to `status` for the payout arrived through Kafka. */
  async waitForStatusEvent(payoutId: string, status: string, timeoutMs = 30_000): Promise<PayoutStatusChangedV1> {
    return waitFor(() => this.statuses(payoutId).find((event) => event.to_status === status), {
      timeoutMs,
      description: `status-changed to ${status} for ${payoutId} on Kafka`,
    });
  }

  async stop(): Promise<void> {
    await this.#consumer.disconnect();
  }
}
