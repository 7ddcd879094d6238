import type { ComplianceDecidedV1 } from '@sluice/contracts';
import type { Outbox } from '@sluice/messaging';
import type { Database, EntityManager } from '@sluice/persistence';
import type { ComplianceTx, Stores, Transactions } from '../../app/ports.ts';
import { auditStore, programVersionStore } from './audit.store.ts';
import { beneficiaryStore } from './beneficiary.store.ts';
import { gateRunStore } from './gate-run.store.ts';
import { holdStore } from './hold.store.ts';
import { operatorStore } from './operator.store.ts';
import { screeningStore } from './screening.store.ts';
import { velocityStore } from './velocity.store.ts';

/** Every store bound to one EntityManager (one transaction, or a fork for reads). */
export function storesFor(em: EntityManager): Stores {
  return {
    screenings: screeningStore(em),
    gateRuns: gateRunStore(em),
    holds: holdStore(em),
    beneficiaries: beneficiaryStore(em),
    velocity: velocityStore(em),
    operators: operatorStore(em),
    audit: auditStore(em),
    programVersions: programVersionStore(em),
  };
}

/** The stores of an open transaction plus its outbox: for HTTP use cases and, with the runner's `em`, for handlers. */
export function complianceTx(em: EntityManager, outbox: Outbox): ComplianceTx {
  return {
    ...storesFor(em),
    publish: (payload, trace) =>
      outbox.append(em, [outbox.event<ComplianceDecidedV1>('compliance.decided.v1', payload, trace)]),
  };
}

/** Transactions over the service database; events published inside commit with the state change. */
export function sqlTransactions(db: Database, outbox: Outbox): Transactions {
  return {
    run: (work) => db.transaction((em) => work(complianceTx(em, outbox))),
    read: () => storesFor(db.fork()),
  };
}
