import { type Corridor, corridorMismatches } from './corridor.ts';
import { canReceive, type DestinationState } from './destination-state.ts';
import { type FieldIssue, issue } from './field-issue.ts';
import type { DestinationType } from './payout-request.ts';

/** A registered destination as far as a payout needs to know it. */
export interface PayableDestination {
  readonly type: DestinationType;
  readonly id: string;
  readonly beneficiaryId: string;
  /** Chain (`base`, `solana` …) for a wallet; `iban` or `aba_routing` for a bank account. */
  readonly network: string;
  /** The asset of a wallet or the currency of a bank account: the only one it takes. */
  readonly currency: string;
  readonly state: DestinationState;
  readonly display: string;
  /** The full wallet address, which the provider instruction needs; null for bank accounts (they go by id). */
  readonly address: string | null;
}

/**
 * Checks a validated request against the destination it names: it must exist for this beneficiary, be `active`,
 * take the payout's currency, and fit the corridor. Every failing check is reported.
 */
export function destinationIssues(
  request: { currency: string; corridor: Corridor; destination: { type: DestinationType } },
  destination: PayableDestination | null,
): FieldIssue[] {
  if (!destination) {
    return [
      issue(
        'destination.id',
        'destination_not_found',
        `no ${request.destination.type} with this id for the beneficiary`,
      ),
    ];
  }
  const issues: FieldIssue[] = [];
  if (!canReceive(destination.state)) {
    issues.push(
      issue(
        'destination.id',
        'destination_not_active',
        `the ${destination.type} is ${destination.state}; only active destinations receive payouts`,
      ),
    );
  }
  if (destination.currency !== request.currency) {
    issues.push(
      issue(
        'currency',
        'currency_not_accepted',
        `the ${destination.type} takes ${destination.currency}, not ${request.currency}`,
      ),
    );
  }
  issues.push(
    ...corridorMismatches(request.corridor, {
      currency: request.currency,
      destinationType: destination.type,
      network: destination.network,
    }),
  );
  return issues;
}
