export {
  addMoney,
  formatMinor,
  MAX_AMOUNT_DIGITS,
  MAX_AMOUNT_MINOR,
  type Money,
  money,
  parseAmountMinor,
  parseDecimalMajor,
  subtractMoney,
} from './amount.ts';
export { validateAbaRouting } from './bank/aba-routing.ts';
export { validateIban } from './bank/iban.ts';
export { CURRENCIES, type CurrencyInfo, getCurrency, requireCurrency } from './currencies.ts';
export { type DestinationInput, validateDestination } from './destination.ts';
export {
  type DestinationError,
  type DestinationErrorCode,
  type DestinationOk,
  type DestinationResult,
  MAX_DESTINATION_CHARS,
} from './destination-result.ts';
export { MoneyError, type MoneyErrorCode } from './errors.ts';
export { maskAccountNumber, maskAddress, maskIban, maskTaxId } from './mask.ts';
export { type BitcoinAddressKind, type BitcoinAddressResult, validateBitcoinAddress } from './networks/bitcoin.ts';
export { toChecksumAddress, validateEvmAddress } from './networks/evm.ts';
export { validateSolanaAddress } from './networks/solana.ts';
export {
  ASSET_NETWORKS,
  assetOnNetwork,
  BANK_NETWORKS,
  type BankNetwork,
  CHAIN_NETWORKS,
  type ChainNetwork,
  isSupportedNetwork,
  type Network,
  SUPPORTED_NETWORKS,
} from './networks/supported.ts';
export { validateTronAddress } from './networks/tron.ts';
