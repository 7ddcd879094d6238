import type { ManualPostingDeps } from '../../app/manual-postings.ts';
import type { LedgerReader, PostingRequestStore } from '../../app/ports.ts';
import type { InvariantReport } from '../db/invariants.store.ts';
import type { LedgerMetrics } from '../metrics.ts';

/** What the HTTP layer calls. */
export interface LedgerHttpDeps {
  readonly reader: LedgerReader;
  readonly manual: ManualPostingDeps;
  /** Posting requests for reads, outside any posting transaction. */
  readonly requests: () => PostingRequestStore;
  readonly invariants: () => Promise<InvariantReport>;
  readonly metrics: LedgerMetrics;
}
