import type { ProviderCallbackReceivedV1 } from '@sluice/contracts';
import type { Payload, Trace } from '@sluice/messaging';
import type { RejectionCode, Verdict } from '../domain/verdict.ts';

/** A verified callback as archived: the raw truth (bytes, headers, verdict) plus what was read from it. */
export interface ArchivedCallback {
  readonly id: string;
  readonly provider: string;
  readonly providerEventId: string;
  readonly eventType: string;
  readonly outcome: 'forwarded' | 'ignored';
  readonly providerReference: string | null;
  readonly clientReference: string | null;
  readonly payoutId: string | null;
  readonly providerStatus: string | null;
  readonly scheme: string;
  readonly keyId: string;
  readonly needsConfirmation: boolean;
  readonly signedAt: Date | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: Buffer;
  readonly rawBodySha256: string;
  readonly sourceAddress: string | null;
  readonly receivedAt: Date;
}

/** The event to publish with a forwarded callback, in the same transaction as its archive row. */
export interface Forward {
  readonly payload: Payload<ProviderCallbackReceivedV1>;
  readonly trace: Trace;
}

/** `archived`: first time seen (the event id is set when it was forwarded); `duplicate`: seen before, nothing emitted. */
export type ArchiveResult =
  | { readonly kind: 'archived'; readonly eventId: string | null }
  | { readonly kind: 'duplicate'; readonly callbackId: string; readonly sameBody: boolean };

/** A refused request as recorded: never a credential, the body only when the provider's signature was valid. */
export interface Rejection {
  readonly id: string;
  readonly provider: string;
  readonly reason: RejectionCode;
  readonly verdict: Verdict;
  readonly scheme: string | null;
  readonly keyId: string | null;
  readonly detail: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Bytes received, or the declared Content-Length of a body refused unread (too large). */
  readonly bodyBytes: number;
  /** Null only for a body refused unread. */
  readonly rawBodySha256: string | null;
  readonly rawBody: Buffer | null;
  readonly sourceAddress: string | null;
  readonly receivedAt: Date;
}

/** Where callbacks and rejections are kept. */
export interface CallbackStore {
  /**
   * Archives a verified callback and, when it is new and `forward` is given, appends its event to the outbox — one
   * transaction. A callback whose (provider, provider event id) is already archived only counts as a duplicate.
   */
  accept(callback: ArchivedCallback, forward: Forward | null): Promise<ArchiveResult>;
  reject(rejection: Rejection): Promise<void>;
}

export type CallbackOutcome = 'accepted' | 'duplicate' | 'ignored' | 'rejected';

/** What the gateway counts (Prometheus in production). */
export interface GatewayMetrics {
  callback(provider: string, outcome: CallbackOutcome): void;
  rejected(provider: string, reason: RejectionCode): void;
  /** Which key verified a callback: an old key's counter going flat says it can be retired. */
  keyUsed(provider: string, keyId: string): void;
}

export interface Clock {
  now(): Date;
}

/** Filters of the operator read API; every list is newest first and bounded. */
export interface CallbackFilter {
  readonly payoutId?: string;
  readonly provider?: string;
  readonly providerReference?: string;
  readonly providerEventId?: string;
  readonly limit: number;
}

export interface RejectionFilter {
  readonly provider?: string;
  readonly reason?: string;
  readonly limit: number;
}

/** Read side of the archive for operators and the console's evidence pack (JSON-ready, snake_case views). */
export interface ArchiveReader {
  callback(id: string): Promise<Record<string, unknown> | null>;
  callbacks(filter: CallbackFilter): Promise<Record<string, unknown>[]>;
  rejections(filter: RejectionFilter): Promise<Record<string, unknown>[]>;
}
