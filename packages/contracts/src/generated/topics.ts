// Generated from schemas/**/*.avsc by packages/contracts/scripts/generate.ts: do not edit, run `npm run generate`.

import type { AvroRecordSchema } from '../avro-schema.ts';
import type { TopicRegistry } from '../topic-definition.ts';
import type {
  ComplianceDecidedV1,
  DayClosedV1,
  DiscrepancyDetectedV1,
  DispatchAttemptedV1,
  LedgerEntryPostedV1,
  PayoutAcceptedV1,
  PayoutRejectedV1,
  PayoutRequestedV1,
  PayoutStatusChangedV1,
  ProviderCallbackReceivedV1,
} from './types.ts';

/** Payload type of every topic: what a consumer decodes and a producer encodes. */
export interface TopicPayloads {
  'compliance.decided.v1': ComplianceDecidedV1;
  'dispatch.attempted.v1': DispatchAttemptedV1;
  'ledger.entries-posted.v1': LedgerEntryPostedV1;
  'payouts.accepted.v1': PayoutAcceptedV1;
  'payouts.rejected.v1': PayoutRejectedV1;
  'payouts.requested.v1': PayoutRequestedV1;
  'payouts.status-changed.v1': PayoutStatusChangedV1;
  'provider.callbacks-received.v1': ProviderCallbackReceivedV1;
  'reconciliation.day-closed.v1': DayClosedV1;
  'reconciliation.discrepancy-detected.v1': DiscrepancyDetectedV1;
}

/** Name of a topic of the registry, e.g. `payouts.requested.v1`. */
export type TopicName = keyof TopicPayloads;

const COMPLIANCE_DECIDED_V1: AvroRecordSchema = {
  type: 'record',
  name: 'ComplianceDecided',
  namespace: 'sluice.compliance.v1',
  doc: 'Compliance decided on a payout: approved, held (with the hold object), denied, or released from a hold; carries every check run with its rule version, owner and result.',
  'sluice.key': ['payout_id'],
  fields: [
    {
      name: 'event_id',
      type: 'string',
      doc: 'Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op.',
    },
    {
      name: 'event_type',
      type: 'string',
      doc: 'The fact this event records: the topic name without its version suffix, always "compliance.decided" here.',
    },
    {
      name: 'occurred_at',
      type: {
        type: 'long',
        logicalType: 'timestamp-millis',
      },
      doc: 'When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC.',
    },
    {
      name: 'producer',
      type: 'string',
      doc: 'Name of the producing service or client, e.g. "compliance".',
    },
    {
      name: 'correlation_id',
      type: 'string',
      doc: 'Trace id of the payout: set once when the payout is requested and copied onto every event about it, so one query returns the whole story.',
    },
    {
      name: 'causation_id',
      type: ['null', 'string'],
      default: null,
      doc: 'event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler).',
    },
    {
      name: 'payout_id',
      type: 'string',
      doc: 'Payout decided on; the Kafka key.',
    },
    {
      name: 'decision',
      type: 'string',
      doc: 'Outcome: "approved", "held", "denied" or "released" (a hold lifted by an operator; the payout proceeds as approved). More values may be added.',
    },
    {
      name: 'program_id',
      type: 'string',
      doc: 'Program whose config was applied.',
    },
    {
      name: 'market',
      type: 'string',
      doc: 'Market whose gates were applied.',
    },
    {
      name: 'mode',
      type: 'string',
      doc: 'Market mode at decision time: "read_only" (shadow: everything runs except the provider call) or "live".',
    },
    {
      name: 'config_version',
      type: 'string',
      doc: 'Version of the program config used (file version or content hash), so a decision can be replayed.',
    },
    {
      name: 'amount_minor',
      type: 'long',
      doc: 'Payout amount screened in minor units of currency (e.g. cents; 10^6 per USDC). Never a float.',
    },
    {
      name: 'currency',
      type: 'string',
      doc: 'ISO 4217 code (e.g. "USD") or asset code (e.g. "USDC") of every amount in this event.',
    },
    {
      name: 'corridor',
      type: 'string',
      doc: 'Corridor of the payout.',
    },
    {
      name: 'checks',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'ComplianceCheck',
          doc: 'One gate evaluation: what was checked, when, by which rule version, who owns it and the result.',
          fields: [
            {
              name: 'gate',
              type: 'string',
              doc: 'Gate evaluated, e.g. "sanctions", "kyc", "kyt", "limits", "tax_artifacts", "market_mode".',
            },
            {
              name: 'rule',
              type: 'string',
              doc: 'Rule id within the gate.',
            },
            {
              name: 'rule_version',
              type: 'string',
              doc: 'Version of the rule applied.',
            },
            {
              name: 'input_hash',
              type: 'string',
              doc: 'Lowercase hex SHA-256 of the canonical inputs the rule saw, to prove what was checked.',
            },
            {
              name: 'result',
              type: 'string',
              doc: 'Result: "allow", "hold" or "deny".',
            },
            {
              name: 'code',
              type: ['null', 'string'],
              default: null,
              doc: 'Stable reason code when the result is not "allow" (e.g. "kyc_expired").',
            },
            {
              name: 'owner',
              type: 'string',
              doc: 'Responsible owner from the program config (team or role) for this gate.',
            },
            {
              name: 'checked_at',
              type: {
                type: 'long',
                logicalType: 'timestamp-millis',
              },
              doc: 'When the check ran, milliseconds since the Unix epoch, UTC.',
            },
          ],
        },
      },
      doc: 'Every check run for this decision, in evaluation order (empty for an operator release or denial of a hold).',
    },
    {
      name: 'hold',
      type: [
        'null',
        {
          type: 'record',
          name: 'ComplianceHold',
          doc: 'A hold as an object: why, with what evidence, who owns it, until when, and how to unblock it.',
          fields: [
            {
              name: 'hold_id',
              type: 'string',
              doc: 'Id of the hold; a release or denial refers to it.',
            },
            {
              name: 'reason_codes',
              type: {
                type: 'array',
                items: 'string',
              },
              doc: 'Stable reason codes (at least one), e.g. "kyt_alert", "limit_exceeded".',
            },
            {
              name: 'evidence_refs',
              type: {
                type: 'array',
                items: 'string',
              },
              doc: 'References to the evidence collected (document ids, screening case ids, URIs of archived artifacts).',
            },
            {
              name: 'owner',
              type: 'string',
              doc: 'Owner responsible for resolving the hold (from the program config).',
            },
            {
              name: 'sla_deadline',
              type: {
                type: 'long',
                logicalType: 'timestamp-millis',
              },
              doc: 'When the hold must be resolved by, milliseconds since the Unix epoch, UTC.',
            },
            {
              name: 'unblock_path',
              type: 'string',
              doc: 'What must happen to release the payout, e.g. "upload W-8BEN, then release by compliance_officer".',
            },
          ],
        },
      ],
      default: null,
      doc: 'The hold for decision "held", and the hold resolved for "released" or a denial of a held payout; null otherwise.',
    },
    {
      name: 'decided_by',
      type: ['null', 'string'],
      default: null,
      doc: 'Operator id for a manual release or denial; null for automatic decisions.',
    },
    {
      name: 'note',
      type: ['null', 'string'],
      default: null,
      doc: 'Operator note given with a manual release or denial.',
    },
  ],
};

const DISPATCH_ATTEMPTED_V1: AvroRecordSchema = {
  type: 'record',
  name: 'DispatchAttempted',
  namespace: 'sluice.dispatch.v1',
  doc: 'One provider call made (or, in shadow mode, that would have been made) for a payout: submit, poll or cancel, with its idempotency key, request hash, HTTP status, failure class and latency.',
  'sluice.key': ['payout_id'],
  fields: [
    {
      name: 'event_id',
      type: 'string',
      doc: 'Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op.',
    },
    {
      name: 'event_type',
      type: 'string',
      doc: 'The fact this event records: the topic name without its version suffix, always "dispatch.attempted" here.',
    },
    {
      name: 'occurred_at',
      type: {
        type: 'long',
        logicalType: 'timestamp-millis',
      },
      doc: 'When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC.',
    },
    {
      name: 'producer',
      type: 'string',
      doc: 'Name of the producing service or client, e.g. "dispatch".',
    },
    {
      name: 'correlation_id',
      type: 'string',
      doc: 'Trace id of the payout: set once when the payout is requested and copied onto every event about it, so one query returns the whole story.',
    },
    {
      name: 'causation_id',
      type: ['null', 'string'],
      default: null,
      doc: 'event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler).',
    },
    {
      name: 'payout_id',
      type: 'string',
      doc: 'Payout the call was for; the Kafka key.',
    },
    {
      name: 'provider',
      type: 'string',
      doc: 'Payout provider called.',
    },
    {
      name: 'operation',
      type: 'string',
      default: 'submit',
      doc: 'Kind of call: "submit", "poll" or "cancel". More may be added.',
    },
    {
      name: 'attempt',
      type: 'int',
      doc: 'Attempt number of the instruction (1 for the first submission; retries of the same instruction increase it and reuse the idempotency key).',
    },
    {
      name: 'idempotency_key',
      type: 'string',
      doc: 'Idempotency key sent to the provider; identical for every retry of the same instruction.',
    },
    {
      name: 'request_hash',
      type: 'string',
      doc: 'Lowercase hex SHA-256 of the exact request body sent; byte-identical across retries of one instruction.',
    },
    {
      name: 'http_status',
      type: ['null', 'int'],
      default: null,
      doc: 'HTTP status answered by the provider; null on timeout, connection failure or shadow mode.',
    },
    {
      name: 'error_class',
      type: 'string',
      doc: 'Failure class: "none", "retryable", "permanent", "funding", "auth" or "unknown" (timeouts and 5xx after the call).',
    },
    {
      name: 'error_code',
      type: ['null', 'string'],
      default: null,
      doc: "Provider's error code, when it gave one.",
    },
    {
      name: 'error_message',
      type: ['null', 'string'],
      default: null,
      doc: "Provider's error message (or the transport error), truncated to 1 KiB.",
    },
    {
      name: 'latency_ms',
      type: 'int',
      doc: 'Wall time of the call in milliseconds (0 in shadow mode).',
    },
    {
      name: 'outcome',
      type: 'string',
      doc: 'What the call established: "accepted", "pending", "confirmed", "failed", "unknown", "would_dispatch" (shadow mode), "rejected". More may be added.',
    },
    {
      name: 'shadow',
      type: 'boolean',
      default: false,
      doc: 'True in read-only (shadow) mode: the call was not made.',
    },
    {
      name: 'provider_reference',
      type: ['null', 'string'],
      default: null,
      doc: "Provider's id for the payout, when the response carried one.",
    },
  ],
};

const LEDGER_ENTRIES_POSTED_V1: AvroRecordSchema = {
  type: 'record',
  name: 'LedgerEntryPosted',
  namespace: 'sluice.ledger.v1',
  doc: 'One balanced journal entry posted by the ledger: the posted-ledger topic for ERP consumers. Each event is one entry; its lines balance per currency.',
  'sluice.key': ['payout_id', 'entry_id'],
  fields: [
    {
      name: 'event_id',
      type: 'string',
      doc: 'Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op.',
    },
    {
      name: 'event_type',
      type: 'string',
      doc: 'The fact this event records: the topic name without its version suffix, always "ledger.entries-posted" here.',
    },
    {
      name: 'occurred_at',
      type: {
        type: 'long',
        logicalType: 'timestamp-millis',
      },
      doc: 'When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC.',
    },
    {
      name: 'producer',
      type: 'string',
      doc: 'Name of the producing service or client, e.g. "ledger".',
    },
    {
      name: 'correlation_id',
      type: 'string',
      doc: 'Trace id of the payout; for entries not about a payout, the trace of the operation that caused them.',
    },
    {
      name: 'causation_id',
      type: ['null', 'string'],
      default: null,
      doc: 'event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler).',
    },
    {
      name: 'payout_id',
      type: ['null', 'string'],
      default: null,
      doc: 'Payout the entry belongs to; null for entries not about a payout (funding top-ups, adjustments). The Kafka key falls back to entry_id when null.',
    },
    {
      name: 'entry_id',
      type: 'string',
      doc: 'Journal entry id; unique and stable (postings are idempotent by cause_event_id).',
    },
    {
      name: 'entry_type',
      type: 'string',
      doc: 'Kind of entry: "reserve", "settle", "void", "reversal", "fee", "funding", "adjustment". More may be added.',
    },
    {
      name: 'effective_date',
      type: 'string',
      doc: 'Accounting date of the entry, "YYYY-MM-DD" (the business date in the corridor\'s posting window).',
    },
    {
      name: 'provider_reference',
      type: ['null', 'string'],
      default: null,
      doc: "Provider's id for the payout or transfer the entry relates to.",
    },
    {
      name: 'cause_event_id',
      type: 'string',
      doc: 'event_id of the event that caused the posting; the ledger posts at most one entry per cause.',
    },
    {
      name: 'reverses_entry_id',
      type: ['null', 'string'],
      default: null,
      doc: 'For a void or reversal: the entry_id it undoes.',
    },
    {
      name: 'program_id',
      type: ['null', 'string'],
      default: null,
      doc: 'Program of the payout or funding account; null when not program-specific.',
    },
    {
      name: 'description',
      type: ['null', 'string'],
      default: null,
      doc: 'Short human-readable description for ERP users.',
    },
    {
      name: 'lines',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'LedgerLine',
          doc: 'One posting line: a debit or credit of one account in one currency.',
          fields: [
            {
              name: 'account_id',
              type: 'string',
              doc: 'Ledger account id.',
            },
            {
              name: 'account_external_code',
              type: 'string',
              doc: 'Account code in the ERP chart of accounts.',
            },
            {
              name: 'account_type',
              type: 'string',
              doc: 'Account type: "asset", "liability", "revenue", "expense", "equity".',
            },
            {
              name: 'direction',
              type: {
                type: 'enum',
                name: 'LedgerDirection',
                doc: 'Side of the posting.',
                symbols: ['debit', 'credit'],
              },
              doc: 'Debit or credit.',
            },
            {
              name: 'amount_minor',
              type: 'long',
              doc: 'Positive amount in minor units of currency.',
            },
            {
              name: 'currency',
              type: 'string',
              doc: 'ISO 4217 code or asset code of this line.',
            },
          ],
        },
      },
      doc: 'Posting lines (at least two); debits equal credits per currency.',
    },
  ],
};

const PAYOUTS_ACCEPTED_V1: AvroRecordSchema = {
  type: 'record',
  name: 'PayoutAccepted',
  namespace: 'sluice.payouts.v1',
  doc: 'Intake validated and stored a payout request; the payout now exists under payout_id and enters compliance screening.',
  'sluice.key': ['payout_id'],
  fields: [
    {
      name: 'event_id',
      type: 'string',
      doc: 'Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op.',
    },
    {
      name: 'event_type',
      type: 'string',
      doc: 'The fact this event records: the topic name without its version suffix, always "payouts.accepted" here.',
    },
    {
      name: 'occurred_at',
      type: {
        type: 'long',
        logicalType: 'timestamp-millis',
      },
      doc: 'When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC.',
    },
    {
      name: 'producer',
      type: 'string',
      doc: 'Name of the producing service or client, e.g. "intake".',
    },
    {
      name: 'correlation_id',
      type: 'string',
      doc: 'Trace id of the payout: set once when the payout is requested and copied onto every event about it, so one query returns the whole story.',
    },
    {
      name: 'causation_id',
      type: ['null', 'string'],
      default: null,
      doc: 'event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler).',
    },
    {
      name: 'payout_id',
      type: 'string',
      doc: 'Sluice payout id assigned by intake; the Kafka key.',
    },
    {
      name: 'platform_id',
      type: 'string',
      doc: 'Platform (tenant) that asked for the payout.',
    },
    {
      name: 'request_id',
      type: 'string',
      doc: "The platform's idempotency key for the request.",
    },
    {
      name: 'platform_reference',
      type: ['null', 'string'],
      default: null,
      doc: "The platform's own reference for the payout.",
    },
    {
      name: 'beneficiary_id',
      type: 'string',
      doc: 'Beneficiary being paid.',
    },
    {
      name: 'destination_type',
      type: 'string',
      doc: 'Kind of destination: "wallet" or "bank_account" (more may be added).',
    },
    {
      name: 'destination_id',
      type: 'string',
      doc: 'Id of the registered wallet or bank account.',
    },
    {
      name: 'destination',
      type: 'string',
      doc: 'Masked display form of the destination for operators and traces, e.g. "0x12ab…9f3c" or "PH •••• 4821". Never the full account number.',
    },
    {
      name: 'network',
      type: ['null', 'string'],
      default: null,
      doc: 'Blockchain network of a wallet destination (e.g. "polygon", "solana"); null for bank accounts.',
    },
    {
      name: 'destination_address',
      type: ['null', 'string'],
      default: null,
      doc: 'Full destination the provider instruction needs: the wallet address (public by nature) for wallet payouts; null for bank accounts, whose details stay in intake and reach the provider by token (destination_id). Never logged.',
    },
    {
      name: 'amount_minor',
      type: 'long',
      doc: 'Amount to pay the beneficiary in minor units of currency (e.g. cents; 10^6 per USDC). Never a float.',
    },
    {
      name: 'currency',
      type: 'string',
      doc: 'ISO 4217 code (e.g. "USD") or asset code (e.g. "USDC") of every amount in this event.',
    },
    {
      name: 'corridor',
      type: 'string',
      doc: 'Corridor id from the program config.',
    },
    {
      name: 'program_id',
      type: 'string',
      doc: 'Program (config under config/programs/) whose rules, owners and corridors govern this payout.',
    },
    {
      name: 'market',
      type: 'string',
      doc: 'Market of the program the payout belongs to (e.g. "PH"); decides read_only vs live mode.',
    },
    {
      name: 'request_hash',
      type: 'string',
      doc: 'Lowercase hex SHA-256 of the canonical request body; a retried request_id with another hash is refused.',
    },
    {
      name: 'metadata',
      type: {
        type: 'map',
        values: 'string',
      },
      default: {},
      doc: 'Free-form string metadata supplied by the platform, passed through unchanged.',
    },
  ],
};

const PAYOUTS_REJECTED_V1: AvroRecordSchema = {
  type: 'record',
  name: 'PayoutRejected',
  namespace: 'sluice.payouts.v1',
  doc: 'Intake refused a payout request, with every reason found. No payout is created (payout_id is null) unless the refusal concerns an existing one.',
  'sluice.key': ['request_id'],
  fields: [
    {
      name: 'event_id',
      type: 'string',
      doc: 'Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op.',
    },
    {
      name: 'event_type',
      type: 'string',
      doc: 'The fact this event records: the topic name without its version suffix, always "payouts.rejected" here.',
    },
    {
      name: 'occurred_at',
      type: {
        type: 'long',
        logicalType: 'timestamp-millis',
      },
      doc: 'When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC.',
    },
    {
      name: 'producer',
      type: 'string',
      doc: 'Name of the producing service or client, e.g. "intake".',
    },
    {
      name: 'correlation_id',
      type: 'string',
      doc: 'Trace id of the refused request (the one the requester chose, or a fresh UUIDv7).',
    },
    {
      name: 'causation_id',
      type: ['null', 'string'],
      default: null,
      doc: 'event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler).',
    },
    {
      name: 'payout_id',
      type: ['null', 'string'],
      default: null,
      doc: 'Null when no payout was created; set when the refused request maps to an existing payout (e.g. a replayed request_id with another body).',
    },
    {
      name: 'platform_id',
      type: 'string',
      doc: 'Platform (tenant) whose request was refused.',
    },
    {
      name: 'request_id',
      type: 'string',
      doc: "The platform's idempotency key of the refused request; the Kafka key.",
    },
    {
      name: 'platform_reference',
      type: ['null', 'string'],
      default: null,
      doc: "The platform's own reference, when the request carried one.",
    },
    {
      name: 'request_hash',
      type: ['null', 'string'],
      default: null,
      doc: 'Lowercase hex SHA-256 of the canonical request body, when it could be parsed.',
    },
    {
      name: 'reasons',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'RejectionReason',
          doc: 'One reason a request was refused.',
          fields: [
            {
              name: 'code',
              type: 'string',
              doc: 'Stable machine-readable code, e.g. "invalid_amount", "unknown_beneficiary", "unsupported_corridor", "idempotency_conflict".',
            },
            {
              name: 'field',
              type: ['null', 'string'],
              default: null,
              doc: 'Path of the offending request field (e.g. "destination.id"); null when the reason is not about one field.',
            },
            {
              name: 'message',
              type: 'string',
              doc: 'Human-readable explanation for the platform.',
            },
          ],
        },
      },
      doc: 'Every reason found (at least one), in the order checked.',
    },
  ],
};

const PAYOUTS_REQUESTED_V1: AvroRecordSchema = {
  type: 'record',
  name: 'PayoutRequested',
  namespace: 'sluice.payouts.v1',
  doc: 'A platform asks Sluice to pay a beneficiary. Produced by upstream platforms (and the CLI) on the upstream topic; intake validates it and answers with payouts.accepted.v1 or payouts.rejected.v1.',
  'sluice.key': ['request_id'],
  fields: [
    {
      name: 'event_id',
      type: 'string',
      doc: 'Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op.',
    },
    {
      name: 'event_type',
      type: 'string',
      doc: 'The fact this event records: the topic name without its version suffix, always "payouts.requested" here.',
    },
    {
      name: 'occurred_at',
      type: {
        type: 'long',
        logicalType: 'timestamp-millis',
      },
      doc: 'When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC.',
    },
    {
      name: 'producer',
      type: 'string',
      doc: 'Name of the producing service or client, e.g. "platform:acme".',
    },
    {
      name: 'correlation_id',
      type: 'string',
      doc: 'Trace id chosen by the requester (or a UUIDv7 if it has none); intake keeps it for the payout it creates.',
    },
    {
      name: 'causation_id',
      type: ['null', 'string'],
      default: null,
      doc: 'event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler).',
    },
    {
      name: 'payout_id',
      type: ['null', 'string'],
      default: null,
      doc: 'Sluice payout id, normally null: intake assigns it on acceptance. Set only by trusted producers (the CLI) that pre-allocate one.',
    },
    {
      name: 'platform_id',
      type: 'string',
      doc: 'Platform (tenant) asking for the payout.',
    },
    {
      name: 'request_id',
      type: 'string',
      doc: "The platform's idempotency key for this request: the same platform_id + request_id with the same body is the same payout; with a different body it is refused.",
    },
    {
      name: 'platform_reference',
      type: ['null', 'string'],
      default: null,
      doc: "The platform's own reference for the payout (invoice, order, statement line), echoed on every later event.",
    },
    {
      name: 'beneficiary_id',
      type: 'string',
      doc: 'Beneficiary (the person paid) as registered with intake for this platform.',
    },
    {
      name: 'destination',
      type: {
        type: 'record',
        name: 'PayoutDestination',
        doc: "Where the money goes: one of the beneficiary's registered destinations.",
        fields: [
          {
            name: 'type',
            type: 'string',
            doc: 'Kind of destination: "wallet" (stablecoin address) or "bank_account" (fiat rail). More kinds may be added.',
          },
          {
            name: 'id',
            type: 'string',
            doc: 'Id of the registered wallet or bank account (never the raw address or account number).',
          },
        ],
      },
      doc: 'Destination to pay into.',
    },
    {
      name: 'amount_minor',
      type: 'long',
      doc: 'Amount to pay the beneficiary in minor units of currency (e.g. cents; 10^6 per USDC). Never a float.',
    },
    {
      name: 'currency',
      type: 'string',
      doc: 'ISO 4217 code (e.g. "USD") or asset code (e.g. "USDC") of every amount in this event.',
    },
    {
      name: 'corridor',
      type: 'string',
      doc: 'Corridor id from the program config (e.g. "us-ph-usdc-polygon"): settlement rail, provider, posting window and fee treatment.',
    },
    {
      name: 'metadata',
      type: {
        type: 'map',
        values: 'string',
      },
      default: {},
      doc: 'Free-form string metadata supplied by the platform, passed through unchanged.',
    },
  ],
};

const PAYOUTS_STATUS_CHANGED_V1: AvroRecordSchema = {
  type: 'record',
  name: 'PayoutStatusChanged',
  namespace: 'sluice.payouts.v1',
  doc: "One canonical lifecycle transition of a payout (ARCHITECTURE.md section 4), or a refused regression recorded as a conflict. Produced by dispatch; the single source of a payout's status.",
  'sluice.key': ['payout_id'],
  fields: [
    {
      name: 'event_id',
      type: 'string',
      doc: 'Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op.',
    },
    {
      name: 'event_type',
      type: 'string',
      doc: 'The fact this event records: the topic name without its version suffix, always "payouts.status-changed" here.',
    },
    {
      name: 'occurred_at',
      type: {
        type: 'long',
        logicalType: 'timestamp-millis',
      },
      doc: 'When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC.',
    },
    {
      name: 'producer',
      type: 'string',
      doc: 'Name of the producing service or client, e.g. "dispatch".',
    },
    {
      name: 'correlation_id',
      type: 'string',
      doc: 'Trace id of the payout: set once when the payout is requested and copied onto every event about it, so one query returns the whole story.',
    },
    {
      name: 'causation_id',
      type: ['null', 'string'],
      default: null,
      doc: 'event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler).',
    },
    {
      name: 'payout_id',
      type: 'string',
      doc: 'Payout whose status changed; the Kafka key.',
    },
    {
      name: 'from_status',
      type: ['null', 'string'],
      default: null,
      doc: 'Status before the transition; null for the first status recorded.',
    },
    {
      name: 'to_status',
      type: 'string',
      doc: 'Status after the transition: requested, accepted, rejected, screening, approved, held, denied, canceled, submitting, pending, confirmed, failed, funding_hold, unknown, reversed. More may be added. For a refused regression (conflict set) it equals from_status: nothing changed.',
    },
    {
      name: 'reason',
      type: ['null', 'string'],
      default: null,
      doc: 'Stable reason code for the transition, e.g. "provider_timeout", "insufficient_funds", "short_settlement".',
    },
    {
      name: 'source',
      type: ['null', 'string'],
      default: null,
      doc: 'What drove the transition: "compliance", "submit", "callback", "poll", "operator", "scheduler".',
    },
    {
      name: 'attempt',
      type: 'int',
      doc: 'Provider attempt number this transition belongs to (0 before the first submission).',
    },
    {
      name: 'provider',
      type: 'string',
      doc: 'Payout provider of the corridor.',
    },
    {
      name: 'provider_reference',
      type: ['null', 'string'],
      default: null,
      doc: "Provider's id for the payout, once known.",
    },
    {
      name: 'idempotency_key',
      type: ['null', 'string'],
      default: null,
      doc: 'Idempotency key sent to the provider for the current instruction, once submitted.',
    },
    {
      name: 'amount_minor',
      type: 'long',
      doc: 'Instructed amount in minor units of currency.',
    },
    {
      name: 'settled_amount_minor',
      type: ['null', 'long'],
      default: null,
      doc: 'Amount the provider reports as settled, in minor units (set on confirmed; below amount_minor is a short settlement).',
    },
    {
      name: 'fee_amount_minor',
      type: ['null', 'long'],
      default: null,
      doc: 'Fee charged by the provider, in minor units of currency, when reported.',
    },
    {
      name: 'currency',
      type: 'string',
      doc: 'ISO 4217 code or asset code of every amount in this event.',
    },
    {
      name: 'program_id',
      type: 'string',
      doc: 'Program governing the payout.',
    },
    {
      name: 'market',
      type: 'string',
      doc: 'Market of the payout.',
    },
    {
      name: 'shadow',
      type: 'boolean',
      default: false,
      doc: 'True in read-only (shadow) mode: the provider call was not made and was recorded as "would dispatch".',
    },
    {
      name: 'conflict',
      type: [
        'null',
        {
          type: 'record',
          name: 'StatusConflict',
          doc: 'A transition that was refused (e.g. "failed" after "confirmed") and recorded for reconciliation instead of applied.',
          fields: [
            {
              name: 'attempted_status',
              type: 'string',
              doc: 'Status the refused signal asked for.',
            },
            {
              name: 'source',
              type: 'string',
              doc: 'Where the refused signal came from: "callback", "poll", "operator".',
            },
            {
              name: 'detail',
              type: 'string',
              doc: 'Human-readable detail: provider status, callback id or poll id.',
            },
          ],
        },
      ],
      default: null,
      doc: 'Set when this event records a refused regression instead of a transition.',
    },
  ],
};

const PROVIDER_CALLBACKS_RECEIVED_V1: AvroRecordSchema = {
  type: 'record',
  name: 'ProviderCallbackReceived',
  namespace: 'sluice.provider.v1',
  doc: 'A provider callback whose signature was checked, deduplicated and archived raw by the webhook gateway, forwarded in a normalized form.',
  'sluice.key': ['payout_id', 'provider_reference'],
  fields: [
    {
      name: 'event_id',
      type: 'string',
      doc: 'Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op.',
    },
    {
      name: 'event_type',
      type: 'string',
      doc: 'The fact this event records: the topic name without its version suffix, always "provider.callbacks-received" here.',
    },
    {
      name: 'occurred_at',
      type: {
        type: 'long',
        logicalType: 'timestamp-millis',
      },
      doc: 'When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC.',
    },
    {
      name: 'producer',
      type: 'string',
      doc: 'Name of the producing service or client, e.g. "webhook-gateway".',
    },
    {
      name: 'correlation_id',
      type: 'string',
      doc: 'Trace id of the payout when attributed; otherwise a fresh UUIDv7 for this callback.',
    },
    {
      name: 'causation_id',
      type: ['null', 'string'],
      default: null,
      doc: 'event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler).',
    },
    {
      name: 'payout_id',
      type: ['null', 'string'],
      default: null,
      doc: 'Payout the callback is about, when the gateway could attribute it (from the client reference the provider echoes); null otherwise, in which case consumers resolve it from provider_reference. The Kafka key falls back to provider_reference when null.',
    },
    {
      name: 'provider',
      type: 'string',
      doc: 'Provider that sent the callback.',
    },
    {
      name: 'provider_event_id',
      type: 'string',
      doc: "Provider's id of the callback event; the gateway deduplicates on (provider, provider_event_id).",
    },
    {
      name: 'callback_id',
      type: 'string',
      doc: 'Gateway id of the archived raw callback (headers and body), for evidence.',
    },
    {
      name: 'provider_reference',
      type: 'string',
      doc: "Provider's id for the payout the callback is about.",
    },
    {
      name: 'client_reference',
      type: ['null', 'string'],
      default: null,
      doc: 'Our reference as echoed by the provider (the idempotency key or payout id we sent), when present.',
    },
    {
      name: 'provider_status',
      type: 'string',
      doc: 'Provider\'s status, verbatim (e.g. "completed", "failed"); dispatch maps it to the canonical lifecycle.',
    },
    {
      name: 'failure_code',
      type: ['null', 'string'],
      default: null,
      doc: "Provider's failure or reason code, when the status is a failure or return.",
    },
    {
      name: 'verification',
      type: {
        type: 'record',
        name: 'CallbackVerification',
        doc: 'The signature verdict recorded for the callback.',
        fields: [
          {
            name: 'scheme',
            type: 'string',
            doc: 'Signature scheme checked, e.g. "hmac-sha256", "ed25519".',
          },
          {
            name: 'key_id',
            type: ['null', 'string'],
            default: null,
            doc: 'Id of the key that verified the signature (useful during key rotation).',
          },
          {
            name: 'verdict',
            type: 'string',
            doc: 'Verdict: "valid" for forwarded callbacks; "invalid", "missing", "unknown_key" or "expired" are recorded on the archive only.',
          },
        ],
      },
      doc: 'How the callback was authenticated.',
    },
    {
      name: 'needs_confirmation',
      type: 'boolean',
      doc: 'True when the callback alone is not trusted enough to apply (e.g. a status that providers can revert, or an unsigned event type): dispatch must confirm it by polling first.',
    },
    {
      name: 'amount_minor',
      type: ['null', 'long'],
      default: null,
      doc: 'Amount the callback states, in minor units of currency, when it states one.',
    },
    {
      name: 'currency',
      type: ['null', 'string'],
      default: null,
      doc: 'Currency or asset code of the amounts, when the callback states amounts.',
    },
    {
      name: 'settled_amount_minor',
      type: ['null', 'long'],
      default: null,
      doc: 'Settled amount the callback states, in minor units, when it states one.',
    },
    {
      name: 'fee_amount_minor',
      type: ['null', 'long'],
      default: null,
      doc: 'Fee the callback states, in minor units, when it states one.',
    },
    {
      name: 'received_at',
      type: {
        type: 'long',
        logicalType: 'timestamp-millis',
      },
      doc: 'When the gateway received the HTTP request, milliseconds since the Unix epoch, UTC.',
    },
    {
      name: 'raw_body_sha256',
      type: 'string',
      doc: 'Lowercase hex SHA-256 of the raw body bytes exactly as received (what the signature covers).',
    },
  ],
};

const RECONCILIATION_DAY_CLOSED_V1: AvroRecordSchema = {
  type: 'record',
  name: 'DayClosed',
  namespace: 'sluice.reconciliation.v1',
  doc: 'Reconciliation closed a business day for one currency (and provider): totals and the number of open breaks.',
  'sluice.key': ['business_date'],
  fields: [
    {
      name: 'event_id',
      type: 'string',
      doc: 'Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op.',
    },
    {
      name: 'event_type',
      type: 'string',
      doc: 'The fact this event records: the topic name without its version suffix, always "reconciliation.day-closed" here.',
    },
    {
      name: 'occurred_at',
      type: {
        type: 'long',
        logicalType: 'timestamp-millis',
      },
      doc: 'When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC.',
    },
    {
      name: 'producer',
      type: 'string',
      doc: 'Name of the producing service or client, e.g. "reconciliation".',
    },
    {
      name: 'correlation_id',
      type: 'string',
      doc: 'Trace id of the close run.',
    },
    {
      name: 'causation_id',
      type: ['null', 'string'],
      default: null,
      doc: 'event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler).',
    },
    {
      name: 'payout_id',
      type: ['null', 'string'],
      default: null,
      doc: 'Always null: a day close is not about one payout.',
    },
    {
      name: 'business_date',
      type: 'string',
      doc: 'Business date closed, "YYYY-MM-DD"; the Kafka key.',
    },
    {
      name: 'currency',
      type: 'string',
      doc: 'ISO 4217 code or asset code closed.',
    },
    {
      name: 'provider',
      type: ['null', 'string'],
      default: null,
      doc: 'Provider closed; null for a close across every provider of the currency.',
    },
    {
      name: 'totals',
      type: {
        type: 'record',
        name: 'DayTotals',
        doc: 'Totals of the day for the currency.',
        fields: [
          {
            name: 'payouts_count',
            type: 'int',
            doc: 'Payouts settled on the day.',
          },
          {
            name: 'settled_amount_minor',
            type: 'long',
            doc: 'Sum of settled amounts, in minor units of currency.',
          },
          {
            name: 'fee_amount_minor',
            type: 'long',
            doc: 'Sum of provider fees, in minor units of currency.',
          },
        ],
      },
      doc: 'Totals of the day.',
    },
    {
      name: 'discrepancies_count',
      type: 'int',
      doc: 'Discrepancy cases open for the day at close.',
    },
    {
      name: 'status',
      type: 'string',
      doc: 'Close result: "closed" (no open breaks) or "closed_with_breaks".',
    },
  ],
};

const RECONCILIATION_DISCREPANCY_DETECTED_V1: AvroRecordSchema = {
  type: 'record',
  name: 'DiscrepancyDetected',
  namespace: 'sluice.reconciliation.v1',
  doc: 'Reconciliation found a break between the provider statement and the ledger (or a lifecycle conflict) and opened a case.',
  'sluice.key': ['case_id'],
  fields: [
    {
      name: 'event_id',
      type: 'string',
      doc: 'Unique id of this event (UUIDv7, time-ordered). Consumers deduplicate on it: a redelivered event is a no-op.',
    },
    {
      name: 'event_type',
      type: 'string',
      doc: 'The fact this event records: the topic name without its version suffix, always "reconciliation.discrepancy-detected" here.',
    },
    {
      name: 'occurred_at',
      type: {
        type: 'long',
        logicalType: 'timestamp-millis',
      },
      doc: 'When the fact happened in the producing service (not when it was published), milliseconds since the Unix epoch, UTC.',
    },
    {
      name: 'producer',
      type: 'string',
      doc: 'Name of the producing service or client, e.g. "reconciliation".',
    },
    {
      name: 'correlation_id',
      type: 'string',
      doc: 'Trace id of the payout when attributed; otherwise the trace of the reconciliation run.',
    },
    {
      name: 'causation_id',
      type: ['null', 'string'],
      default: null,
      doc: 'event_id of the event that directly caused this one; null when the cause is outside Sluice (an HTTP request, an operator command, a scheduler).',
    },
    {
      name: 'payout_id',
      type: ['null', 'string'],
      default: null,
      doc: 'Payout the break concerns; null when it cannot be attributed (e.g. a statement line nobody instructed).',
    },
    {
      name: 'case_id',
      type: 'string',
      doc: 'Discrepancy case id; the Kafka key.',
    },
    {
      name: 'business_date',
      type: 'string',
      doc: 'Business date reconciled, "YYYY-MM-DD".',
    },
    {
      name: 'provider',
      type: 'string',
      doc: 'Provider whose statement was reconciled.',
    },
    {
      name: 'kind',
      type: 'string',
      doc: 'Kind of break: "missing_in_ledger", "missing_at_provider", "amount_mismatch", "short_settlement", "fee_mismatch", "status_conflict", "duplicate". More may be added.',
    },
    {
      name: 'currency',
      type: 'string',
      doc: 'ISO 4217 code or asset code of the amounts.',
    },
    {
      name: 'expected_amount_minor',
      type: ['null', 'long'],
      default: null,
      doc: 'Amount per the ledger (what we expected), in minor units.',
    },
    {
      name: 'actual_amount_minor',
      type: ['null', 'long'],
      default: null,
      doc: 'Amount per the provider statement (what happened), in minor units.',
    },
    {
      name: 'provider_reference',
      type: ['null', 'string'],
      default: null,
      doc: "Provider's id of the payout or statement line.",
    },
    {
      name: 'detail',
      type: 'string',
      doc: 'Human-readable description of the break for the operator.',
    },
  ],
};

/**
 * Every topic: its registry subject (`<topic>-value`), where its Kafka key comes from, its schema file and the
 * parsed schema to register. Keys: `keyField`, or `keyFallbackField` when `keyField` is null (see messageKey()).
 */
export const TOPICS = {
  'compliance.decided.v1': {
    topic: 'compliance.decided.v1',
    subject: 'compliance.decided.v1-value',
    keyField: 'payout_id',
    keyFallbackField: null,
    schemaFile: 'schemas/compliance/compliance.decided.v1.avsc',
    schema: COMPLIANCE_DECIDED_V1,
  },
  'dispatch.attempted.v1': {
    topic: 'dispatch.attempted.v1',
    subject: 'dispatch.attempted.v1-value',
    keyField: 'payout_id',
    keyFallbackField: null,
    schemaFile: 'schemas/dispatch/dispatch.attempted.v1.avsc',
    schema: DISPATCH_ATTEMPTED_V1,
  },
  'ledger.entries-posted.v1': {
    topic: 'ledger.entries-posted.v1',
    subject: 'ledger.entries-posted.v1-value',
    keyField: 'payout_id',
    keyFallbackField: 'entry_id',
    schemaFile: 'schemas/ledger/ledger.entries-posted.v1.avsc',
    schema: LEDGER_ENTRIES_POSTED_V1,
  },
  'payouts.accepted.v1': {
    topic: 'payouts.accepted.v1',
    subject: 'payouts.accepted.v1-value',
    keyField: 'payout_id',
    keyFallbackField: null,
    schemaFile: 'schemas/payouts/payouts.accepted.v1.avsc',
    schema: PAYOUTS_ACCEPTED_V1,
  },
  'payouts.rejected.v1': {
    topic: 'payouts.rejected.v1',
    subject: 'payouts.rejected.v1-value',
    keyField: 'request_id',
    keyFallbackField: null,
    schemaFile: 'schemas/payouts/payouts.rejected.v1.avsc',
    schema: PAYOUTS_REJECTED_V1,
  },
  'payouts.requested.v1': {
    topic: 'payouts.requested.v1',
    subject: 'payouts.requested.v1-value',
    keyField: 'request_id',
    keyFallbackField: null,
    schemaFile: 'schemas/payouts/payouts.requested.v1.avsc',
    schema: PAYOUTS_REQUESTED_V1,
  },
  'payouts.status-changed.v1': {
    topic: 'payouts.status-changed.v1',
    subject: 'payouts.status-changed.v1-value',
    keyField: 'payout_id',
    keyFallbackField: null,
    schemaFile: 'schemas/payouts/payouts.status-changed.v1.avsc',
    schema: PAYOUTS_STATUS_CHANGED_V1,
  },
  'provider.callbacks-received.v1': {
    topic: 'provider.callbacks-received.v1',
    subject: 'provider.callbacks-received.v1-value',
    keyField: 'payout_id',
    keyFallbackField: 'provider_reference',
    schemaFile: 'schemas/provider/provider.callbacks-received.v1.avsc',
    schema: PROVIDER_CALLBACKS_RECEIVED_V1,
  },
  'reconciliation.day-closed.v1': {
    topic: 'reconciliation.day-closed.v1',
    subject: 'reconciliation.day-closed.v1-value',
    keyField: 'business_date',
    keyFallbackField: null,
    schemaFile: 'schemas/reconciliation/reconciliation.day-closed.v1.avsc',
    schema: RECONCILIATION_DAY_CLOSED_V1,
  },
  'reconciliation.discrepancy-detected.v1': {
    topic: 'reconciliation.discrepancy-detected.v1',
    subject: 'reconciliation.discrepancy-detected.v1-value',
    keyField: 'case_id',
    keyFallbackField: null,
    schemaFile: 'schemas/reconciliation/reconciliation.discrepancy-detected.v1.avsc',
    schema: RECONCILIATION_DISCREPANCY_DETECTED_V1,
  },
} as const satisfies TopicRegistry;
