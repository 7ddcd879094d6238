import type { LedgerEntryPostedV1 } from '@sluice/contracts';
import type { HandlerContext, Outbox, Payload } from '@sluice/messaging';
import type { EntityManager } from '@sluice/persistence';
import type { EntryPublisher, PostedEntry } from '../../app/ports.ts';
import { ENTRIES_POSTED } from '../../topics.ts';

/** The ERP view of an entry: every line with its account's external code and type. */
export function toEntryPosted(entry: PostedEntry): Payload<LedgerEntryPostedV1> {
  return {
    entry_id: entry.id,
    entry_type: entry.entryType,
    effective_date: entry.effectiveDate,
    provider_reference: entry.providerReference,
    cause_event_id: entry.causeEventId,
    reverses_entry_id: entry.reversesEntryId,
    program_id: entry.programId,
    description: entry.description,
    lines: entry.lines.map((line) => ({
      account_id: line.accountId,
      account_external_code: line.externalCode,
      account_type: line.accountType,
      direction: line.direction,
      amount_minor: line.amountMinor,
      currency: line.currency,
    })),
  };
}

/** Appends `ledger.entries-posted.v1` to the outbox of the posting's own transaction. */
export function outboxPublisher(em: EntityManager, outbox: Outbox): EntryPublisher {
  return {
    async publish(entry) {
      const trace = { correlationId: entry.correlationId, causationId: entry.causationId, payoutId: entry.payoutId };
      await outbox.append(em, [outbox.event<LedgerEntryPostedV1>(ENTRIES_POSTED, toEntryPosted(entry), trace)]);
    },
  };
}

/**
 * Publishes through the consumer runner's `emit`: the event joins the outbox rows the runner appends for the whole chunk
 * in one statement, caused by the status change being handled (same correlation id, causation = that event).
 */
export function emitPublisher(emit: HandlerContext['emit']): EntryPublisher {
  return {
    async publish(entry) {
      emit<LedgerEntryPostedV1>(ENTRIES_POSTED, toEntryPosted(entry));
    },
  };
}
