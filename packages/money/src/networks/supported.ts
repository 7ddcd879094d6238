import { getCurrency } from '../currencies.ts';

/** Blockchains Sluice pays out on (mainnets only). */
export const CHAIN_NETWORKS = ['ethereum', 'polygon', 'base', 'arbitrum', 'solana', 'tron', 'bitcoin'] as const;
/** Bank rails whose destination identifiers Sluice validates. */
export const BANK_NETWORKS = ['iban', 'aba_routing'] as const;
/** Every value `validateDestination` accepts as `network`. */
export const SUPPORTED_NETWORKS = [...CHAIN_NETWORKS, ...BANK_NETWORKS] as const;

export type ChainNetwork = (typeof CHAIN_NETWORKS)[number];
export type BankNetwork = (typeof BANK_NETWORKS)[number];
export type Network = (typeof SUPPORTED_NETWORKS)[number];

/**
 * Where each on-chain asset is issued natively (no bridged variants: a bridged token is a different contract
 * and a different counterparty). ETH is the gas coin of Ethereum and of the Base and Arbitrum rollups.
 */
export const ASSET_NETWORKS: Readonly<Record<string, readonly ChainNetwork[]>> = {
  USDC: ['ethereum', 'polygon', 'base', 'arbitrum', 'solana'],
  USDT: ['ethereum', 'tron', 'polygon', 'solana'],
  EURC: ['ethereum', 'base', 'solana'],
  PYUSD: ['ethereum', 'solana'],
  BTC: ['bitcoin'],
  ETH: ['ethereum', 'base', 'arbitrum'],
  SOL: ['solana'],
  TRX: ['tron'],
};

/** True when `network` is one of {@link SUPPORTED_NETWORKS}. */
export function isSupportedNetwork(network: unknown): network is Network {
  return typeof network === 'string' && (SUPPORTED_NETWORKS as readonly string[]).includes(network);
}

/**
 * True when an amount in `code` can be paid to a destination on `network`: an asset on a chain it is issued on,
 * USD over ABA routing, or any registered fiat currency to an IBAN (an IBAN does not encode its account's
 * currency; the bank converts or refuses).
 */
export function assetOnNetwork(code: string, network: string): boolean {
  const info = getCurrency(code);
  if (!info || !isSupportedNetwork(network)) return false;
  if (info.kind === 'crypto') return (ASSET_NETWORKS[code] ?? []).some((n) => n === network);
  if (network === 'iban') return true;
  return network === 'aba_routing' && code === 'USD';
}
