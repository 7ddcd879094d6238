import type { DispatchAttemptedV1, PayoutStatusChangedV1 } from '@sluice/contracts';
import { type TestInfra, TopicTap } from '@sluice/messaging/testing';
import { waitFor } from '@sluice/testing';

/** What dispatch published, read from Kafka through the shared tap and sorted by payout. */
export class EventTap {
  readonly #tap: TopicTap;

  private constructor(tap: TopicTap) {
    this.#tap = tap;
  }

  static async start(infra: TestInfra): Promise<EventTap> {
    return new EventTap(await TopicTap.start(infra, ['payouts.status-changed.v1', 'dispatch.attempted.v1']));
  }

  statuses(payoutId: string): PayoutStatusChangedV1[] {
    return this.#tap
      .about(payoutId, 'payouts.status-changed.v1')
      .map((message) => message.value as unknown as PayoutStatusChangedV1);
  }

  attempts(payoutId: string): DispatchAttemptedV1[] {
    return this.#tap
      .about(payoutId, 'dispatch.attempted.v1')
      .map((message) => message.value as unknown as DispatchAttemptedV1);
  }

  /** Waits until a status-changed event to `status` for the payout arrived through Kafka. */
  async waitForStatusEvent(payoutId: string, status: string, timeoutMs = 30_000): Promise<PayoutStatusChangedV1> {
    return waitFor(() => this.statuses(payoutId).find((event) => event.to_status === status), {
      timeoutMs,
      description: `status-changed to ${status} for ${payoutId} on Kafka`,
    });
  }

  stop(): Promise<void> {
    return this.#tap.stop();
  }
}
