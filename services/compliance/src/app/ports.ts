import type { ComplianceDecidedV1 } from '@sluice/contracts';
import type { Payload, Trace } from '@sluice/messaging';
import type { Program, ProgramCatalog } from '@sluice/program-config';
import type { CheckRecord } from '../domain/gate-result.ts';
import type { KytThresholds } from '../domain/gates/kyt.gate.ts';
import type { Hold, HoldStatus } from '../domain/hold.ts';
import type { KycRecord } from '../domain/kyc.ts';
import type { Role } from '../domain/roles.ts';
import type { RiskScreening, SanctionsScreening, ScreeningSubject } from '../domain/screening.ts';
import type { TaxArtifact } from '../domain/tax-artifact.ts';

export interface Clock {
  now(): Date;
}

/** Time-ordered unique ids (UUIDv7) for holds, tax artifacts and operators. */
export interface IdGenerator {
  newId(): string;
}

/**
 * Sanctions and KYT screening of a destination. Adapters answer `unavailable` rather than throw when their source
 * cannot be consulted, so the gate can hold instead of the consumer retrying forever.
 */
export interface ScreeningPort {
  sanctions(subject: ScreeningSubject): Promise<SanctionsScreening>;
  risk(subject: ScreeningSubject): Promise<RiskScreening>;
}

/** Settings and collaborators the use cases share. */
export interface ComplianceDeps {
  readonly catalog: ProgramCatalog;
  readonly screening: ScreeningPort;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly kyt: KytThresholds;
}

/** The payout as compliance screened it; the context a hold is re-evaluated and released in. */
export interface ScreenedPayout {
  readonly payoutId: string;
  readonly eventId: string;
  readonly correlationId: string;
  readonly beneficiaryId: string;
  readonly programId: string;
  readonly market: string;
  readonly corridor: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly destinationType: string;
  /** Masked display form only. */
  readonly destination: string;
  readonly network: string | null;
  readonly decision: string;
  readonly mode: string;
  readonly configVersion: string;
  /** UTC day (YYYY-MM-DD) the payout counts towards in velocity limits. */
  readonly day: string;
  readonly decidedAt: Date;
}

export interface ScreeningRepository {
  /** Claims the payout for screening; false when it was already screened (a replayed or re-sent accepted event). */
  claim(payout: ScreenedPayout): Promise<boolean>;
  find(payoutId: string): Promise<ScreenedPayout | null>;
  setDecision(payoutId: string, decision: string): Promise<void>;
  /** Inserts screened payouts as they are (decision included) in one statement; fails if any was screened already. */
  insertAll(payouts: readonly ScreenedPayout[]): Promise<void>;
  /** Which of these payouts were screened already. */
  screened(payoutIds: readonly string[]): Promise<Set<string>>;
}

export type GateRunTrigger = 'accepted' | 'reevaluation';

export interface GateRunRecord extends CheckRecord {
  readonly payoutId: string;
  readonly holdId: string | null;
  readonly trigger: GateRunTrigger;
  readonly configVersion: string;
}

export interface GateRunRepository {
  insert(runs: readonly GateRunRecord[]): Promise<void>;
  forPayout(payoutId: string): Promise<GateRunRecord[]>;
}

export interface HoldFilter {
  readonly status?: HoldStatus;
  readonly slaBreached?: boolean;
  readonly reason?: string;
  readonly owner?: string;
  readonly beneficiaryId?: string;
  readonly programId?: string;
  readonly market?: string;
  readonly payoutId?: string;
}

/** A cursor page, newest first: holds older than the hold `afterId` (the last one of the previous page), at most `limit`. */
export interface Page {
  readonly afterId: string | null;
  readonly limit: number;
}

export interface HoldRepository {
  insert(hold: Hold): Promise<void>;
  find(id: string): Promise<Hold | null>;
  /** The hold locked for this transaction: two approvals of one hold are applied one after the other. */
  lock(id: string): Promise<Hold | null>;
  /** Open holds of a beneficiary, locked, oldest first. */
  lockOpenForBeneficiary(beneficiaryId: string): Promise<Hold[]>;
  save(hold: Hold): Promise<void>;
  list(filter: HoldFilter, page: Page, now: Date): Promise<Hold[]>;
  /** Stamps `sla_breached_at` on open holds past their deadline that were not stamped yet; returns them. */
  markSlaBreaches(now: Date): Promise<Hold[]>;
  /** Open holds, and how many of them are past their SLA. */
  openCounts(now: Date): Promise<{ open: number; breached: number }>;
}

export interface BeneficiaryRepository {
  kyc(beneficiaryId: string): Promise<KycRecord | null>;
  /** KYC of several beneficiaries in one read; a beneficiary without a record is absent from the map. */
  kycMany(beneficiaryIds: readonly string[]): Promise<Map<string, KycRecord>>;
  /** Tax artifacts of several beneficiaries in one read; every id asked about is in the map. */
  taxArtifactsMany(beneficiaryIds: readonly string[]): Promise<Map<string, TaxArtifact[]>>;
  saveKyc(record: KycRecord): Promise<void>;
  taxArtifacts(beneficiaryId: string): Promise<TaxArtifact[]>;
  /** Inserts or replaces the beneficiary's artifact of that type (one current artifact per type). */
  saveTaxArtifact(artifact: TaxArtifact): Promise<TaxArtifact>;
}

export interface VelocityRepository {
  /** Totals of the scopes for the day and currency, locked until the transaction ends (zero when none). */
  lockTotals(scopes: readonly string[], day: string, currency: string): Promise<Map<string, bigint>>;
  add(scopes: readonly string[], day: string, currency: string, deltaMinor: bigint): Promise<void>;
  /** Totals of many rows (created at zero when missing), locked in key order; keyed by `velocityKey`. */
  lockMany(keys: readonly VelocityKey[]): Promise<Map<string, bigint>>;
  /** Writes absolute totals of rows this transaction holds locked (by `lockMany`). */
  setTotals(totals: readonly (VelocityKey & { readonly totalMinor: bigint })[]): Promise<void>;
}

/** One velocity row's identity: a scope's total for one day and currency. */
export interface VelocityKey {
  readonly scope: string;
  readonly day: string;
  readonly currency: string;
}

export const velocityKey = (scope: string, day: string, currency: string): string => `${scope}|${day}|${currency}`;

export interface OperatorRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly keyId: string;
  readonly secretSha256: Buffer;
  readonly disabled: boolean;
}

export interface OperatorRepository {
  findByKeyId(keyId: string): Promise<OperatorRecord | null>;
  /** Creates the operator or replaces its role and key (a re-seed rotates the key; the old one stops working). */
  upsert(operator: OperatorRecord): Promise<void>;
  list(): Promise<Omit<OperatorRecord, 'secretSha256'>[]>;
}

export interface AuditEntry {
  readonly at: Date;
  /** Operator id, or `system` for automatic actions. */
  readonly actor: string;
  readonly action: string;
  readonly subjectType: 'hold' | 'beneficiary' | 'operator' | 'program' | 'payout';
  readonly subjectId: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  forSubject(subjectType: AuditEntry['subjectType'], subjectId: string): Promise<AuditEntry[]>;
}

export interface ProgramVersionRepository {
  /** Records the program's version and content hash; true when this content was not seen before. */
  record(program: Program, at: Date): Promise<boolean>;
}

export type DecisionEvent = Payload<ComplianceDecidedV1>;

export interface Stores {
  readonly screenings: ScreeningRepository;
  readonly gateRuns: GateRunRepository;
  readonly holds: HoldRepository;
  readonly beneficiaries: BeneficiaryRepository;
  readonly velocity: VelocityRepository;
  readonly operators: OperatorRepository;
  readonly audit: AuditRepository;
  readonly programVersions: ProgramVersionRepository;
}

/** The stores of one transaction plus publication into its outbox (the event commits with the state change). */
export interface ComplianceTx extends Stores {
  publish(event: DecisionEvent, trace: Trace): Promise<void>;
}

export interface Transactions {
  run<T>(work: (tx: ComplianceTx) => Promise<T>): Promise<T>;
  /** Stores over a fresh read-only unit of work (no transaction). */
  read(): Stores;
}

/** The operator behind a request. */
export interface Actor {
  readonly operatorId: string;
  readonly role: Role;
}
