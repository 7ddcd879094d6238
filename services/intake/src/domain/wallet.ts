import {
  assetOnNetwork,
  CHAIN_NETWORKS,
  type ChainNetwork,
  getCurrency,
  maskAddress,
  validateDestination,
} from '@sluice/money';
import type { DestinationState } from './destination-state.ts';
import { type FieldIssue, isRecord, issue, optionalText, refuseExtraFields, type Validated } from './field-issue.ts';

/** A wallet as registered: the address in its normalized form (EIP-55 for EVM chains, lower case bech32). */
export interface WalletInput {
  readonly network: ChainNetwork;
  readonly address: string;
  readonly asset: string;
  readonly label: string | null;
}

const FIELDS = new Set(['network', 'address', 'asset', 'label']);
const SERVER_OWNED = new Set(['id', 'state', 'beneficiary_id', 'created_at', 'updated_at']);

/**
 * Wallets start `unverified`: an on-chain transfer to a mistyped or foreign address cannot be pulled back, so the
 * platform must attest ownership (activate) before the wallet can receive.
 */
export const INITIAL_WALLET_STATE: DestinationState = 'unverified';

/** Validates a wallet registration: a supported chain, an address valid for it, an asset issued on it. */
export function validateWallet(body: unknown): Validated<WalletInput> {
  if (!isRecord(body)) return { ok: false, issues: [issue('', 'body_not_object', 'the body must be a JSON object')] };
  const issues: FieldIssue[] = [];
  refuseExtraFields(body, FIELDS, SERVER_OWNED, issues);
  const label = optionalText(body, 'label', 100, issues);
  const network = body.network;
  if (!CHAIN_NETWORKS.includes(network as ChainNetwork)) {
    issues.push(issue('network', 'network_unsupported', `network must be one of ${CHAIN_NETWORKS.join(', ')}`));
    return { ok: false, issues };
  }
  const chain = network as ChainNetwork;
  const address = validateDestination({ network: chain, address: body.address });
  if (!address.ok) issues.push(issue('address', address.code, address.message));
  const asset = body.asset;
  if (typeof asset !== 'string' || getCurrency(asset)?.kind !== 'crypto') {
    issues.push(issue('asset', 'asset_unknown', 'asset must be an on-chain asset code such as USDC'));
  } else if (!assetOnNetwork(asset, chain)) {
    issues.push(issue('asset', 'asset_not_on_network', `${asset} is not issued on ${chain}`));
  }
  if (issues.length > 0 || !address.ok) return { ok: false, issues };
  return { ok: true, value: { network: chain, address: address.normalized, asset: asset as string, label } };
}

/** The wallet as shown in responses, logs and events: never the full address. */
export const walletDisplay = (address: string): string => maskAddress(address);
