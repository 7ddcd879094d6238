import type { PayoutAcceptedV1 } from '@sluice/contracts';
import type { Outbox } from '@sluice/messaging';
import type { EntityManager } from '@sluice/persistence';
import { velocityScopes } from '../../app/evaluate-gates.ts';
import type {
  ComplianceDeps,
  ComplianceTx,
  DecisionEvent,
  GateRunRecord,
  ScreenedPayout,
  VelocityKey,
} from '../../app/ports.ts';
import { velocityKey } from '../../app/ports.ts';
import type { Hold } from '../../domain/hold.ts';
import type { KycRecord } from '../../domain/kyc.ts';
import type { TaxArtifact } from '../../domain/tax-artifact.ts';
import { complianceTx } from './transactions.ts';

// Why this exists: screening one payout took about twelve sequential statements (claim, KYC, artifacts, four for
// velocity, gate runs, velocity again, decision, outbox), so the accepted-event consumer waited on PostgreSQL a dozen
// times per payout. The consumer already handles a chunk of events in one transaction; here the runner's `prepare`
// reads what the whole chunk needs in four statements (screened ids, KYC, artifacts, velocity rows locked in key
// order), `screenPayout` runs unchanged against stores that answer from those reads and buffer the writes, and
// `finish` writes the buffer in five (screenings with their decisions, holds, gate runs, velocity totals, outbox).
// What keeps it correct:
// - it belongs to one transaction (a WeakMap keyed by that transaction's EntityManager); the runner's one-event
//   fallback runs on another EntityManager and uses the plain stores;
// - velocity rows are locked for the whole transaction before any limit is checked, and the running totals are kept
//   in memory in event order, so the limits see every earlier payout of the chunk exactly as one-by-one would;
// - screenings are inserted without `on conflict`: a payout screened meanwhile elsewhere fails the chunk, which the
//   runner then re-runs event by event through the plain `claim`.
interface Chunk {
  readonly tx: ComplianceTx;
  readonly flush: () => Promise<void>;
}

const chunks = new WeakMap<EntityManager, Chunk>();

const dayOf = (event: PayoutAcceptedV1) => new Date(event.occurred_at).toISOString().slice(0, 10);

/** The velocity rows the chunk's payouts can touch: both scopes of every payout whose market checks limits. */
function velocityKeysOf(events: readonly PayoutAcceptedV1[], deps: ComplianceDeps): VelocityKey[] {
  const keys = new Map<string, VelocityKey>();
  for (const event of events) {
    const market = deps.catalog.program(event.program_id)?.markets.find((m) => m.country === event.market);
    if (!market?.requiredGates.includes('limits')) continue;
    const day = dayOf(event);
    for (const scope of velocityScopes({ programId: event.program_id, beneficiaryId: event.beneficiary_id, market })) {
      keys.set(velocityKey(scope, day, event.currency), { scope, day, currency: event.currency });
    }
  }
  return [...keys.values()];
}

/** Reads what the chunk needs and binds buffered stores to `em` for the chunk's `handle` calls. */
export async function prepareScreeningChunk(
  em: EntityManager,
  outbox: Outbox,
  deps: ComplianceDeps,
  events: readonly PayoutAcceptedV1[],
): Promise<void> {
  const plain = complianceTx(em, outbox);
  const beneficiaryIds = [...new Set(events.map((e) => e.beneficiary_id))];
  const screened = await plain.screenings.screened([...new Set(events.map((e) => e.payout_id))]);
  const kyc = await plain.beneficiaries.kycMany(beneficiaryIds);
  const artifacts = await plain.beneficiaries.taxArtifactsMany(beneficiaryIds);
  const totals = await plain.velocity.lockMany(velocityKeysOf(events, deps));
  chunks.set(em, bufferedChunk(em, plain, outbox, { screened, kyc, artifacts, totals }));
}

/** The chunk's transaction view, when `prepareScreeningChunk` ran for this EntityManager. */
export const screeningChunkOf = (em: EntityManager): ComplianceTx | undefined => chunks.get(em)?.tx;

/** Writes what the chunk's `handle` calls buffered; a no-op for an EntityManager that was never prepared. */
export async function finishScreeningChunk(em: EntityManager): Promise<void> {
  const chunk = chunks.get(em);
  chunks.delete(em);
  await chunk?.flush();
}

interface ChunkReads {
  readonly screened: Set<string>;
  readonly kyc: Map<string, KycRecord>;
  readonly artifacts: Map<string, TaxArtifact[]>;
  readonly totals: Map<string, bigint>;
}

function bufferedChunk(em: EntityManager, plain: ComplianceTx, outbox: Outbox, reads: ChunkReads): Chunk {
  const payouts = new Map<string, ScreenedPayout>();
  const holds: Hold[] = [];
  const audits: Parameters<ComplianceTx['audit']['append']>[0][] = [];
  const runs: GateRunRecord[] = [];
  const dirty = new Map<string, VelocityKey>();
  const decisions: { event: DecisionEvent; trace: Parameters<ComplianceTx['publish']>[1] }[] = [];
  const tx: ComplianceTx = {
    ...plain,
    screenings: {
      ...plain.screenings,
      async claim(payout) {
        if (reads.screened.has(payout.payoutId) || payouts.has(payout.payoutId)) return false;
        payouts.set(payout.payoutId, payout);
        return true;
      },
      async setDecision(payoutId, decision) {
        const payout = payouts.get(payoutId);
        if (payout) payouts.set(payoutId, { ...payout, decision });
        else await plain.screenings.setDecision(payoutId, decision);
      },
    },
    beneficiaries: {
      ...plain.beneficiaries,
      kyc: async (beneficiaryId) => reads.kyc.get(beneficiaryId) ?? null,
      taxArtifacts: async (beneficiaryId) =>
        reads.artifacts.get(beneficiaryId) ?? plain.beneficiaries.taxArtifacts(beneficiaryId),
    },
    velocity: {
      ...plain.velocity,
      async lockTotals(scopes, day, currency) {
        const found = new Map<string, bigint>();
        for (const scope of scopes) {
          const total = reads.totals.get(velocityKey(scope, day, currency));
          // Every scope of the chunk was locked in prepare; one that was not would break the lock order.
          if (total === undefined) throw new Error(`velocity row ${scope} ${day} ${currency} was not prepared`);
          found.set(scope, total);
        }
        return found;
      },
      async add(scopes, day, currency, deltaMinor) {
        for (const scope of scopes) {
          const key = velocityKey(scope, day, currency);
          const total = reads.totals.get(key);
          if (total === undefined) throw new Error(`velocity row ${scope} ${day} ${currency} was not prepared`);
          reads.totals.set(key, total + deltaMinor > 0n ? total + deltaMinor : 0n);
          dirty.set(key, { scope, day, currency });
        }
      },
    },
    holds: { ...plain.holds, insert: async (hold) => void holds.push(hold) },
    audit: { ...plain.audit, append: async (entry) => void audits.push(entry) },
    gateRuns: { ...plain.gateRuns, insert: async (records) => void runs.push(...records) },
    publish: async (event, trace) => void decisions.push({ event, trace }),
  };
  const flush = async () => {
    await plain.screenings.insertAll([...payouts.values()]);
    for (const hold of holds) await plain.holds.insert(hold);
    for (const entry of audits) await plain.audit.append(entry);
    await plain.gateRuns.insert(runs);
    await plain.velocity.setTotals(
      [...dirty].map(([key, row]) => ({ ...row, totalMinor: reads.totals.get(key) ?? 0n })),
    );
    await outbox.append(
      em,
      decisions.map(({ event, trace }) => outbox.event('compliance.decided.v1', event, trace)),
    );
  };
  return { tx, flush };
}
