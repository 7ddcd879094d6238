import { TOPICS } from '@sluice/contracts';
import type { TopicCatalog } from '@sluice/messaging';

/** The topics the ledger reads and writes. Tests rename them to suite-private topics with the same contracts. */
export interface LedgerTopics {
  readonly statusChanged: string;
  readonly entriesPosted: string;
}

export const DEFAULT_TOPICS: LedgerTopics = {
  statusChanged: 'payouts.status-changed.v1',
  entriesPosted: 'ledger.entries-posted.v1',
};

/** The contract catalog plus any renamed topic, carrying the original topic's schema under its own subject. */
export function topicCatalog(topics: LedgerTopics): TopicCatalog {
  const contracts: TopicCatalog = TOPICS;
  const catalog: Record<string, TopicCatalog[string]> = { ...contracts };
  for (const role of ['statusChanged', 'entriesPosted'] as const) {
    const original = contracts[DEFAULT_TOPICS[role]]!;
    const name = topics[role];
    if (name !== original.topic) catalog[name] = { ...original, topic: name, subject: `${name}-value` };
  }
  return catalog;
}
