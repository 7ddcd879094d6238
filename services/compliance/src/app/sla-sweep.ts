import type { Clock, Transactions } from './ports.ts';

/**
 * Stamps holds that passed their SLA deadline (once each) and audits the breach against the escalation owner.
 * Returns the newly breached holds and the current open/breached counts for the metrics.
 */
export async function sweepSlaBreaches(
  transactions: Transactions,
  clock: Clock,
): Promise<{ newlyBreached: number; open: number; breached: number }> {
  return transactions.run(async (tx) => {
    const now = clock.now();
    const breached = await tx.holds.markSlaBreaches(now);
    for (const hold of breached) {
      await tx.audit.append({
        at: now,
        actor: 'system',
        action: 'hold_sla_breached',
        subjectType: 'hold',
        subjectId: hold.id,
        detail: { sla_deadline: hold.slaDeadline.toISOString(), escalation_owner: hold.escalationOwner },
      });
    }
    const counts = await tx.holds.openCounts(now);
    return { newlyBreached: breached.length, ...counts };
  });
}
