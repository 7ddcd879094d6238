// Generated from schemas/**/*.avsc by packages/contracts/scripts/generate.ts: do not edit, run `npm run generate`.

/** Compliance decided on a payout: approved, held (with the hold object), denied, or released from a hold; carries every check run with its rule version, owner and result. */
export interface ComplianceDecidedV1 {
  /** Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op. */
  event_id: string;
  /** The fact this event records: the topic name without its version suffix, always "compliance.decided" here. */
  event_type: string;
  /** When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC. */
  occurred_at: number;
  /** Name of the producing service or client, e.g. "compliance". */
  producer: string;
  /** Trace id of the payout: set once when the payout is requested and copied onto every event about it, so one query returns the whole story. */
  correlation_id: string;
  /** event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler). */
  causation_id: string | null;
  /** Payout decided on; the Kafka key. */
  payout_id: string;
  /** Outcome: "approved", "held", "denied" or "released" (a hold lifted by an operator; the payout proceeds as approved). More values may be added. */
  decision: string;
  /** Program whose config was applied. */
  program_id: string;
  /** Market whose gates were applied. */
  market: string;
  /** Market mode at decision time: "read_only" (shadow: everything runs except the provider call) or "live". */
  mode: string;
  /** Version of the program config used (file version or content hash), so a decision can be replayed. */
  config_version: string;
  /** Payout amount screened in minor units of currency (e.g. cents; 10^6 per USDC). Never a float. */
  amount_minor: bigint;
  /** ISO 4217 code (e.g. "USD") or asset code (e.g. "USDC") of every amount in this event. */
  currency: string;
  /** Corridor of the payout. */
  corridor: string;
  /** Every check run for this decision, in evaluation order (empty for an operator release or denial of a hold). */
  checks: ComplianceCheckV1[];
  /** The hold for decision "held", and the hold resolved for "released" or a denial of a held payout; null otherwise. */
  hold: ComplianceHoldV1 | null;
  /** Operator id for a manual release or denial; null for automatic decisions. */
  decided_by: string | null;
  /** Operator note given with a manual release or denial. */
  note: string | null;
}

/** One gate evaluation: what was checked, when, by which rule version, who owns it and the result. */
export interface ComplianceCheckV1 {
  /** Gate evaluated, e.g. "sanctions", "kyc", "kyt", "limits", "tax_artifacts", "market_mode". */
  gate: string;
  /** Rule id within the gate. */
  rule: string;
  /** Version of the rule applied. */
  rule_version: string;
  /** Lowercase hex SHA-256 of the canonical inputs the rule saw, to prove what was checked. */
  input_hash: string;
  /** Result: "allow", "hold" or "deny". */
  result: string;
  /** Stable reason code when the result is not "allow" (e.g. "kyc_expired"). */
  code: string | null;
  /** Responsible owner from the program config (team or role) for this gate. */
  owner: string;
  /** When the check ran, milliseconds since the Unix epoch, UTC. */
  checked_at: number;
}

/** A hold as an object: why, with what evidence, who owns it, until when, and how to unblock it. */
export interface ComplianceHoldV1 {
  /** Id of the hold; a release or denial refers to it. */
  hold_id: string;
  /** Stable reason codes (at least one), e.g. "kyt_alert", "limit_exceeded". */
  reason_codes: string[];
  /** References to the evidence collected (document ids, screening case ids, URIs of archived artifacts). */
  evidence_refs: string[];
  /** Owner responsible for resolving the hold (from the program config). */
  owner: string;
  /** When the hold must be resolved by, milliseconds since the Unix epoch, UTC. */
  sla_deadline: number;
  /** What must happen to release the payout, e.g. "upload W-8BEN, then release by compliance_officer". */
  unblock_path: string;
}

/** One provider call made (or, in shadow mode, that would have been made) for a payout: submit, poll or cancel, with its idempotency key, request hash, HTTP status, failure class and latency. */
export interface DispatchAttemptedV1 {
  /** Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op. */
  event_id: string;
  /** The fact this event records: the topic name without its version suffix, always "dispatch.attempted" here. */
  event_type: string;
  /** When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC. */
  occurred_at: number;
  /** Name of the producing service or client, e.g. "dispatch". */
  producer: string;
  /** Trace id of the payout: set once when the payout is requested and copied onto every event about it, so one query returns the whole story. */
  correlation_id: string;
  /** event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler). */
  causation_id: string | null;
  /** Payout the call was for; the Kafka key. */
  payout_id: string;
  /** Payout provider called. */
  provider: string;
  /** Kind of call: "submit", "poll" or "cancel". More may be added. */
  operation: string;
  /** Attempt number of the instruction (1 for the first submission; retries of the same instruction increase it and reuse the idempotency key). */
  attempt: number;
  /** Idempotency key sent to the provider; identical for every retry of the same instruction. */
  idempotency_key: string;
  /** Lowercase hex SHA-256 of the exact request body sent; byte-identical across retries of one instruction. */
  request_hash: string;
  /** HTTP status answered by the provider; null on timeout, connection failure or shadow mode. */
  http_status: number | null;
  /** Failure class: "none", "retryable", "permanent", "funding", "auth" or "unknown" (timeouts and 5xx after the call). */
  error_class: string;
  /** Provider's error code, when it gave one. */
  error_code: string | null;
  /** Provider's error message (or the transport error), truncated to 1 KiB. */
  error_message: string | null;
  /** Wall time of the call in milliseconds (0 in shadow mode). */
  latency_ms: number;
  /** What the call established: "accepted", "pending", "confirmed", "failed", "unknown", "would_dispatch" (shadow mode), "rejected". More may be added. */
  outcome: string;
  /** True in read-only (shadow) mode: the call was not made. */
  shadow: boolean;
  /** Provider's id for the payout, when the response carried one. */
  provider_reference: string | null;
}

/** One balanced journal entry posted by the ledger: the posted-ledger topic for ERP consumers. Each event is one entry; its lines balance per currency. */
export interface LedgerEntryPostedV1 {
  /** Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op. */
  event_id: string;
  /** The fact this event records: the topic name without its version suffix, always "ledger.entries-posted" here. */
  event_type: string;
  /** When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC. */
  occurred_at: number;
  /** Name of the producing service or client, e.g. "ledger". */
  producer: string;
  /** Trace id of the payout; for entries not about a payout, the trace of the operation that caused them. */
  correlation_id: string;
  /** event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler). */
  causation_id: string | null;
  /** Payout the entry belongs to; null for entries not about a payout (funding top-ups, adjustments). The Kafka key falls back to entry_id when null. */
  payout_id: string | null;
  /** Journal entry id; unique and stable (postings are idempotent by cause_event_id). */
  entry_id: string;
  /** Kind of entry: "reserve", "settle", "void", "reversal", "fee", "funding", "adjustment". More may be added. */
  entry_type: string;
  /** Accounting date of the entry, "YYYY-MM-DD" (the business date in the corridor's posting window). */
  effective_date: string;
  /** Provider's id for the payout or transfer the entry relates to. */
  provider_reference: string | null;
  /** event_id of the event that caused the posting; the ledger posts at most one entry per cause. */
  cause_event_id: string;
  /** For a void or reversal: the entry_id it undoes. */
  reverses_entry_id: string | null;
  /** Program of the payout or funding account; null when not program-specific. */
  program_id: string | null;
  /** Short human-readable description for ERP users. */
  description: string | null;
  /** Posting lines (at least two); debits equal credits per currency. */
  lines: LedgerLineV1[];
}

/** One posting line: a debit or credit of one account in one currency. */
export interface LedgerLineV1 {
  /** Ledger account id. */
  account_id: string;
  /** Account code in the ERP chart of accounts. */
  account_external_code: string;
  /** Account type: "asset", "liability", "revenue", "expense", "equity". */
  account_type: string;
  /** Debit or credit. */
  direction: LedgerDirectionV1;
  /** Positive amount in minor units of currency. */
  amount_minor: bigint;
  /** ISO 4217 code or asset code of this line. */
  currency: string;
}

/** Side of the posting. */
export type LedgerDirectionV1 = 'debit' | 'credit';

/** Intake validated and stored a payout request; the payout now exists under payout_id and enters compliance screening. */
export interface PayoutAcceptedV1 {
  /** Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op. */
  event_id: string;
  /** The fact this event records: the topic name without its version suffix, always "payouts.accepted" here. */
  event_type: string;
  /** When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC. */
  occurred_at: number;
  /** Name of the producing service or client, e.g. "intake". */
  producer: string;
  /** Trace id of the payout: set once when the payout is requested and copied onto every event about it, so one query returns the whole story. */
  correlation_id: string;
  /** event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler). */
  causation_id: string | null;
  /** Sluice payout id assigned by intake; the Kafka key. */
  payout_id: string;
  /** Platform (tenant) that asked for the payout. */
  platform_id: string;
  /** The platform's idempotency key for the request. */
  request_id: string;
  /** The platform's own reference for the payout. */
  platform_reference: string | null;
  /** Beneficiary being paid. */
  beneficiary_id: string;
  /** Kind of destination: "wallet" or "bank_account" (more may be added). */
  destination_type: string;
  /** Id of the registered wallet or bank account. */
  destination_id: string;
  /** Masked display form of the destination for operators and traces, e.g. "0x12ab…9f3c" or "PH •••• 4821". Never the full account number. */
  destination: string;
  /** Blockchain network of a wallet destination (e.g. "polygon", "solana"); null for bank accounts. */
  network: string | null;
  /** Full destination the provider instruction needs: the wallet address (public by nature) for wallet payouts; null for bank accounts, whose details stay in intake and reach the provider by token (destination_id). Never logged. */
  destination_address: string | null;
  /** Amount to pay the beneficiary in minor units of currency (e.g. cents; 10^6 per USDC). Never a float. */
  amount_minor: bigint;
  /** ISO 4217 code (e.g. "USD") or asset code (e.g. "USDC") of every amount in this event. */
  currency: string;
  /** Corridor id from the program config. */
  corridor: string;
  /** Program (config under config/programs/) whose rules, owners and corridors govern this payout. */
  program_id: string;
  /** Market of the program the payout belongs to (e.g. "PH"); decides read_only vs live mode. */
  market: string;
  /** Lowercase hex SHA-256 of the canonical request body; a retried request_id with another hash is refused. */
  request_hash: string;
  /** Free-form string metadata supplied by the platform, passed through unchanged. */
  metadata: Record<string, string>;
}

/** Intake refused a payout request, with every reason found. No payout is created (payout_id is null) unless the refusal concerns an existing one. */
export interface PayoutRejectedV1 {
  /** Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op. */
  event_id: string;
  /** The fact this event records: the topic name without its version suffix, always "payouts.rejected" here. */
  event_type: string;
  /** When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC. */
  occurred_at: number;
  /** Name of the producing service or client, e.g. "intake". */
  producer: string;
  /** Trace id of the refused request (the one the requester chose, or a fresh UUIDv7). */
  correlation_id: string;
  /** event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler). */
  causation_id: string | null;
  /** Null when no payout was created; set when the refused request maps to an existing payout (e.g. a replayed request_id with another body). */
  payout_id: string | null;
  /** Platform (tenant) whose request was refused. */
  platform_id: string;
  /** The platform's idempotency key of the refused request; the Kafka key. */
  request_id: string;
  /** The platform's own reference, when the request carried one. */
  platform_reference: string | null;
  /** Lowercase hex SHA-256 of the canonical request body, when it could be parsed. */
  request_hash: string | null;
  /** Every reason found (at least one), in the order checked. */
  reasons: RejectionReasonV1[];
}

/** One reason a request was refused. */
export interface RejectionReasonV1 {
  /** Stable machine-readable code, e.g. "invalid_amount", "unknown_beneficiary", "unsupported_corridor", "idempotency_conflict". */
  code: string;
  /** Path of the offending request field (e.g. "destination.id"); null when the reason is not about one field. */
  field: string | null;
  /** Human-readable explanation for the platform. */
  message: string;
}

/** A platform asks Sluice to pay a beneficiary. Produced by upstream platforms (and the CLI) on the upstream topic; intake validates it and answers with payouts.accepted.v1 or payouts.rejected.v1. */
export interface PayoutRequestedV1 {
  /** Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op. */
  event_id: string;
  /** The fact this event records: the topic name without its version suffix, always "payouts.requested" here. */
  event_type: string;
  /** When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC. */
  occurred_at: number;
  /** Name of the producing service or client, e.g. "platform:acme". */
  producer: string;
  /** Trace id chosen by the requester (or a UUIDv7 if it has none); intake keeps it for the payout it creates. */
  correlation_id: string;
  /** event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler). */
  causation_id: string | null;
  /** Sluice payout id, normally null: intake assigns it on acceptance. Set only by trusted producers (the CLI) that pre-allocate one. */
  payout_id: string | null;
  /** Platform (tenant) asking for the payout. */
  platform_id: string;
  /** The platform's idempotency key for this request: the same platform_id + request_id with the same body is the same payout; with a different body it is refused. */
  request_id: string;
  /** The platform's own reference for the payout (invoice, order, statement line), echoed on every later event. */
  platform_reference: string | null;
  /** Beneficiary (the person paid) as registered with intake for this platform. */
  beneficiary_id: string;
  /** Destination to pay into. */
  destination: PayoutDestinationV1;
  /** Amount to pay the beneficiary in minor units of currency (e.g. cents; 10^6 per USDC). Never a float. */
  amount_minor: bigint;
  /** ISO 4217 code (e.g. "USD") or asset code (e.g. "USDC") of every amount in this event. */
  currency: string;
  /** Corridor id from the program config (e.g. "us-ph-usdc-polygon"): settlement rail, provider, posting window and fee treatment. */
  corridor: string;
  /** Free-form string metadata supplied by the platform, passed through unchanged. */
  metadata: Record<string, string>;
}

/** Where the money goes: one of the beneficiary's registered destinations. */
export interface PayoutDestinationV1 {
  /** Kind of destination: "wallet" (stablecoin address) or "bank_account" (fiat rail). More kinds may be added. */
  type: string;
  /** Id of the registered wallet or bank account (never the raw address or account number). */
  id: string;
}

/** One canonical lifecycle transition of a payout (ARCHITECTURE.md section 4), or a refused regression recorded as a conflict. Produced by dispatch; the single source of a payout's status. */
export interface PayoutStatusChangedV1 {
  /** Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op. */
  event_id: string;
  /** The fact this event records: the topic name without its version suffix, always "payouts.status-changed" here. */
  event_type: string;
  /** When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC. */
  occurred_at: number;
  /** Name of the producing service or client, e.g. "dispatch". */
  producer: string;
  /** Trace id of the payout: set once when the payout is requested and copied onto every event about it, so one query returns the whole story. */
  correlation_id: string;
  /** event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler). */
  causation_id: string | null;
  /** Payout whose status changed; the Kafka key. */
  payout_id: string;
  /** Status before the transition; null for the first status recorded. */
  from_status: string | null;
  /** Status after the transition: requested, accepted, rejected, screening, approved, held, denied, canceled, submitting, pending, confirmed, failed, funding_hold, unknown, reversed. More may be added. For a refused regression (conflict set) it equals from_status: nothing changed. */
  to_status: string;
  /** Stable reason code for the transition, e.g. "provider_timeout", "insufficient_funds", "short_settlement". */
  reason: string | null;
  /** What drove the transition: "compliance", "submit", "callback", "poll", "operator", "scheduler". */
  source: string | null;
  /** Provider attempt number this transition belongs to (0 before the first submission). */
  attempt: number;
  /** Payout provider of the corridor. */
  provider: string;
  /** Provider's id for the payout, once known. */
  provider_reference: string | null;
  /** Idempotency key sent to the provider for the current instruction, once submitted. */
  idempotency_key: string | null;
  /** Instructed amount in minor units of currency. */
  amount_minor: bigint;
  /** Amount the provider reports as settled, in minor units (set on confirmed; below amount_minor is a short settlement). */
  settled_amount_minor: bigint | null;
  /** Fee charged by the provider, in minor units of currency, when reported. */
  fee_amount_minor: bigint | null;
  /** ISO 4217 code or asset code of every amount in this event. */
  currency: string;
  /** Program governing the payout. */
  program_id: string;
  /** Market of the payout. */
  market: string;
  /** True in read-only (shadow) mode: the provider call was not made and was recorded as "would dispatch". */
  shadow: boolean;
  /** Set when this event records a refused regression instead of a transition. */
  conflict: StatusConflictV1 | null;
}

/** A transition that was refused (e.g. "failed" after "confirmed") and recorded for reconciliation instead of applied. */
export interface StatusConflictV1 {
  /** Status the refused signal asked for. */
  attempted_status: string;
  /** Where the refused signal came from: "callback", "poll", "operator". */
  source: string;
  /** Human-readable detail: provider status, callback id or poll id. */
  detail: string;
}

/** A provider callback whose signature was checked, deduplicated and archived raw by the webhook gateway, forwarded in a normalized form. */
export interface ProviderCallbackReceivedV1 {
  /** Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op. */
  event_id: string;
  /** The fact this event records: the topic name without its version suffix, always "provider.callbacks-received" here. */
  event_type: string;
  /** When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC. */
  occurred_at: number;
  /** Name of the producing service or client, e.g. "webhook-gateway". */
  producer: string;
  /** Trace id of the payout when attributed; otherwise a fresh UUIDv7 for this callback. */
  correlation_id: string;
  /** event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler). */
  causation_id: string | null;
  /** Payout the callback is about, when the gateway could attribute it (from the client reference the provider echoes); null otherwise, in which case consumers resolve it from provider_reference. The Kafka key falls back to provider_reference when null. */
  payout_id: string | null;
  /** Provider that sent the callback. */
  provider: string;
  /** Provider's id of the callback event; the gateway deduplicates on (provider, provider_event_id). */
  provider_event_id: string;
  /** Gateway id of the archived raw callback (headers and body), for evidence. */
  callback_id: string;
  /** Provider's id for the payout the callback is about. */
  provider_reference: string;
  /** Our reference as echoed by the provider (the idempotency key or payout id we sent), when present. */
  client_reference: string | null;
  /** Provider's status, verbatim (e.g. "completed", "failed"); dispatch maps it to the canonical lifecycle. */
  provider_status: string;
  /** Provider's failure or reason code, when the status is a failure or return. */
  failure_code: string | null;
  /** How the callback was authenticated. */
  verification: CallbackVerificationV1;
  /** True when the callback alone is not trusted enough to apply (e.g. a status that providers can revert, or an unsigned event type): dispatch must confirm it by polling first. */
  needs_confirmation: boolean;
  /** Amount the callback states, in minor units of currency, when it states one. */
  amount_minor: bigint | null;
  /** Currency or asset code of the amounts, when the callback states amounts. */
  currency: string | null;
  /** Settled amount the callback states, in minor units, when it states one. */
  settled_amount_minor: bigint | null;
  /** Fee the callback states, in minor units, when it states one. */
  fee_amount_minor: bigint | null;
  /** When the gateway received the HTTP request, milliseconds since the Unix epoch, UTC. */
  received_at: number;
  /** Lowercase hex SHA-256 of the raw body bytes exactly as received (what the signature covers). */
  raw_body_sha256: string;
}

/** The signature verdict recorded for the callback. */
export interface CallbackVerificationV1 {
  /** Signature scheme checked, e.g. "hmac-sha256", "ed25519". */
  scheme: string;
  /** Id of the key that verified the signature (useful during key rotation). */
  key_id: string | null;
  /** Verdict: "valid" for forwarded callbacks; "invalid", "missing", "unknown_key" or "expired" are recorded on the archive only. */
  verdict: string;
}

/** Reconciliation closed a business day for one currency (and provider): totals and the number of open breaks. */
export interface DayClosedV1 {
  /** Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op. */
  event_id: string;
  /** The fact this event records: the topic name without its version suffix, always "reconciliation.day-closed" here. */
  event_type: string;
  /** When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC. */
  occurred_at: number;
  /** Name of the producing service or client, e.g. "reconciliation". */
  producer: string;
  /** Trace id of the close run. */
  correlation_id: string;
  /** event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler). */
  causation_id: string | null;
  /** Always null: a day close is not about one payout. */
  payout_id: string | null;
  /** Business date closed, "YYYY-MM-DD"; the Kafka key. */
  business_date: string;
  /** ISO 4217 code or asset code closed. */
  currency: string;
  /** Provider closed; null for a close across every provider of the currency. */
  provider: string | null;
  /** Totals of the day. */
  totals: DayTotalsV1;
  /** Discrepancy cases open for the day at close. */
  discrepancies_count: number;
  /** Close result: "closed" (no open breaks) or "closed_with_breaks". */
  status: string;
}

/** Totals of the day for the currency. */
export interface DayTotalsV1 {
  /** Payouts settled on the day. */
  payouts_count: number;
  /** Sum of settled amounts, in minor units of currency. */
  settled_amount_minor: bigint;
  /** Sum of provider fees, in minor units of currency. */
  fee_amount_minor: bigint;
}

/** Reconciliation found a break between the provider statement and the ledger (or a lifecycle conflict) and opened a case. */
export interface DiscrepancyDetectedV1 {
  /** Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op. */
  event_id: string;
  /** The fact this event records: the topic name without its version suffix, always "reconciliation.discrepancy-detected" here. */
  event_type: string;
  /** When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC. */
  occurred_at: number;
  /** Name of the producing service or client, e.g. "reconciliation". */
  producer: string;
  /** Trace id of the payout when attributed; otherwise the trace of the reconciliation run. */
  correlation_id: string;
  /** event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler). */
  causation_id: string | null;
  /** Payout the break concerns; null when it cannot be attributed (e.g. a statement line nobody instructed). */
  payout_id: string | null;
  /** Discrepancy case id; the Kafka key. */
  case_id: string;
  /** Business date reconciled, "YYYY-MM-DD". */
  business_date: string;
  /** Provider whose statement was reconciled. */
  provider: string;
  /** Kind of break: "missing_in_ledger", "missing_at_provider", "amount_mismatch", "short_settlement", "fee_mismatch", "status_conflict", "duplicate". More may be added. */
  kind: string;
  /** ISO 4217 code or asset code of the amounts. */
  currency: string;
  /** Amount per the ledger (what we expected), in minor units. */
  expected_amount_minor: bigint | null;
  /** Amount per the provider statement (what happened), in minor units. */
  actual_amount_minor: bigint | null;
  /** Provider's id of the payout or statement line. */
  provider_reference: string | null;
  /** Human-readable description of the break for the operator. */
  detail: string;
}
