import { item, type ReadinessItem } from './readiness-item.ts';
import type { Program, Responsibility } from './schema.ts';

type Condition = { id: string; title: string; check: (program: Program) => string[] };

const ownersNamed =
  (...responsibilities: Responsibility[]) =>
  (program: Program): string[] =>
    responsibilities.filter((r) => !program.owners[r]).map((r) => `owners.${r}`);

/**
 * Conditions under which a custody model must not launch, whatever the markets say. Each model puts keys and
 * funds with a different party, so each has its own owners who must exist before money moves.
 */
const NO_GO: Record<Program['custodyModel'], Condition[]> = {
  custodial: [
    {
      id: 'custodial_keys_and_recovery',
      title: 'custodial: key control, user recovery and incident response owners named',
      check: ownersNamed('keyControl', 'userRecovery', 'incidentResponse'),
    },
    {
      // Holding customer funds without reconciling them is how shortfalls go unnoticed.
      id: 'custodial_reconciliation',
      title: 'custodial: reconciliation enabled (the platform holds customer funds)',
      check: (p) => (p.reconciliation?.enabled ? [] : ['reconciliation.enabled']),
    },
  ],
  non_custodial: [
    {
      // A payout to a wrong self-custody address cannot be pulled back: someone must own the disputes.
      id: 'non_custodial_support',
      title: 'non-custodial: payout support and blocked payout owners named',
      check: ownersNamed('payoutSupport', 'blockedPayoutHandling'),
    },
  ],
  hybrid: [
    {
      id: 'hybrid_keys_and_recovery',
      title: 'hybrid: key control and user recovery owners named',
      check: ownersNamed('keyControl', 'userRecovery'),
    },
  ],
  waas: [
    {
      id: 'waas_provider',
      title: 'WaaS: custody provider named',
      check: (p) => (p.custodyProvider ? [] : ['custodyProvider']),
    },
    {
      id: 'waas_keys_and_recovery',
      title: 'WaaS: key control and user recovery owners named',
      check: ownersNamed('keyControl', 'userRecovery'),
    },
  ],
};

/** Evaluates the no-go conditions of the program's custody model. */
export function custodyNoGo(program: Program): ReadinessItem[] {
  return NO_GO[program.custodyModel].map((c) => item(c.id, c.title, c.check(program)));
}
