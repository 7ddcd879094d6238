import { kafkaTopicName } from '@sluice/messaging';
import type { LedgerHandles } from '../main.ts';
import { ENTRIES_POSTED } from '../topics.ts';
import { formatBalances, formatErpEntries, formatInvariants } from './format.ts';
import { readPostedLedger } from './posted-ledger-reader.ts';

export interface LedgerSummaryOptions {
  /** The program whose balances are shown (e.g. the sandbox program); all programs when omitted. */
  readonly programId?: string;
  /** How many posted-ledger entries to show as an ERP consumer reads them. */
  readonly entries?: number;
  /** Only entries of these payouts (e.g. the demo's batch), in topic order; all entries when omitted. */
  readonly payoutIds?: ReadonlySet<string>;
}

/**
 * The ledger part of the demo's summary, as text: the program's balances (posted, pending, available), the invariants
 * check, and the first entries of `ledger.entries-posted.v1` decoded with a plain Avro consumer.
 */
export async function ledgerSummary(ledger: LedgerHandles, options: LedgerSummaryOptions = {}): Promise<string> {
  const balances = await ledger.balances(options.programId ? { programId: options.programId } : {});
  const invariants = await ledger.invariants();
  // The relay publishes within a second; drain so the topic holds every entry posted so far.
  await ledger.relay.drain();
  // An ERP consumer knows the Kafka topic, namespace included: its reader holds nothing of Sluice's code.
  const topic = kafkaTopicName(ledger.messaging.namespace, ENTRIES_POSTED);
  const entries = await readPostedLedger({
    brokers: ledger.config.KAFKA_BROKERS,
    registryUrl: ledger.config.SCHEMA_REGISTRY_URL,
    topic,
    limit: options.entries ?? 5,
    idleTimeoutMs: 3_000,
    filter: options.payoutIds
      ? (entry) => entry.payout_id !== null && options.payoutIds!.has(entry.payout_id)
      : undefined,
  });
  return [
    `ledger balances${options.programId ? ` of ${options.programId}` : ''}:`,
    formatBalances(balances),
    '',
    formatInvariants(invariants),
    '',
    `first ${entries.length} entries of ${topic} (as an ERP consumer decodes them):`,
    formatErpEntries(entries),
  ].join('\n');
}
