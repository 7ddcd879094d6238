import { Migration } from '@sluice/persistence';

/**
 * The check that lines are only added in their entry's transaction joins the statement's new lines to their entries.
 * PL/pgSQL plans that query once, when the ledger's connection first posts, and keeps the plan for the connection's
 * life: planned against a nearly empty journal it is a hash join over a sequential scan of every entry, so each
 * posting read the whole journal (in the end-to-end benchmark 3.3 ms and 237 buffers per posting after 15,000
 * entries, the ledger's largest cost, growing with every entry). Nothing re-plans it without an ANALYZE. The function
 * now plans with sequential scans and hash or merge joins off, which leaves one plan: a primary-key lookup per line.
 */
export class LineCheckPlanMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter function ledger_lines_with_their_entry()
      set enable_seqscan = off set enable_hashjoin = off set enable_mergejoin = off`);
  }

  override async down(): Promise<void> {
    this.addSql('alter function ledger_lines_with_their_entry() reset all');
  }
}
