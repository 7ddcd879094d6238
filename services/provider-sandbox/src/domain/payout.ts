import type { Destination } from './payout-request.ts';
import type { PayoutStatus } from './payout-status.ts';
import type { ScenarioPlan } from './scenario.ts';

/** A sandbox payout as stored: the instruction, its scripted plan and where it is in that plan. */
export interface Payout {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly clientReference: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly destination: Destination;
  readonly plan: ScenarioPlan;
  readonly status: PayoutStatus;
  /** Index in `plan.steps` of the next step to apply. */
  readonly stepIndex: number;
  /** When the next step is due; null once the plan is done. */
  readonly nextStepAt: Date | null;
  readonly settledAmountMinor: bigint | null;
  readonly feeAmountMinor: bigint | null;
  readonly failureCode: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The payout as the API and callbacks show it (snake_case, amounts as decimal strings of minor units). */
export interface PayoutRepresentation {
  readonly id: string;
  readonly status: PayoutStatus;
  readonly client_reference: string;
  readonly amount_minor: string;
  readonly settled_amount_minor?: string;
  readonly fee_amount_minor?: string;
  readonly currency: string;
  readonly failure_code?: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** Optional fields are left out (not null) until they apply, exactly as documented in the OpenAPI file. */
export function toRepresentation(payout: Payout): PayoutRepresentation {
  return {
    id: payout.id,
    status: payout.status,
    client_reference: payout.clientReference,
    amount_minor: payout.amountMinor.toString(),
    ...(payout.settledAmountMinor === null ? {} : { settled_amount_minor: payout.settledAmountMinor.toString() }),
    ...(payout.feeAmountMinor === null ? {} : { fee_amount_minor: payout.feeAmountMinor.toString() }),
    currency: payout.currency,
    ...(payout.failureCode === null ? {} : { failure_code: payout.failureCode }),
    created_at: payout.createdAt.toISOString(),
    updated_at: payout.updatedAt.toISOString(),
  };
}
