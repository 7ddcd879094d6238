/** The contract topics the ledger reads and writes (logical names: the topic namespace maps them at the Kafka edge). */
export const STATUS_CHANGED = 'payouts.status-changed.v1';
export const ENTRIES_POSTED = 'ledger.entries-posted.v1';
