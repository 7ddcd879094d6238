import { validateAbaRouting } from './bank/aba-routing.ts';
import { validateIban } from './bank/iban.ts';
import { type DestinationResult, refuse } from './destination-result.ts';
import { validateBitcoinAddress } from './networks/bitcoin.ts';
import { validateEvmAddress } from './networks/evm.ts';
import { validateSolanaAddress } from './networks/solana.ts';
import { isSupportedNetwork, type Network } from './networks/supported.ts';
import { validateTronAddress } from './networks/tron.ts';

/** A payout destination as requested: the network (or bank rail) and its address, IBAN or routing number. */
export type DestinationInput = { readonly network: unknown; readonly address: unknown };

/**
 * Validates a destination for its network and returns it normalized, or a refusal with a stable code.
 * Never throws; an unknown network is `network_unsupported`.
 */
export function validateDestination({ network, address }: DestinationInput): DestinationResult {
  if (!isSupportedNetwork(network)) {
    return refuse('network_unsupported', `unsupported network: ${String(network).slice(0, 32)}`);
  }
  return validatorFor(network)(address);
}

function validatorFor(network: Network): (address: unknown) => DestinationResult {
  switch (network) {
    case 'ethereum':
    case 'polygon':
    case 'base':
    case 'arbitrum':
      return validateEvmAddress;
    case 'solana':
      return validateSolanaAddress;
    case 'tron':
      return validateTronAddress;
    case 'bitcoin':
      return validateBitcoinAddress;
    case 'iban':
      return validateIban;
    case 'aba_routing':
      return validateAbaRouting;
    default:
      return assertNever(network);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled network: ${String(value)}`);
}
